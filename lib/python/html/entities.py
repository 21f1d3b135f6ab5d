# html.entities for mpbox: the character entity references of HTML 4.01
# (its three entity sets: Latin-1, symbols and Greek, special characters),
# written from the specification. html5 holds these names with and without
# the ";" where HTML5 allows it, not HTML5's full list.

__all__ = ['html5', 'name2codepoint', 'codepoint2name', 'entitydefs']

# ISO 8859-1 characters 160-255, in code point order
_LATIN1 = ('nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr '
           'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 '
           'frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc '
           'Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash '
           'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig '
           'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc '
           'otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml').split()

# Greek letters: capitals from 913 (no 930), small from 945
_GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'.split()
_GREEK_UPPER2 = 'Sigma Tau Upsilon Phi Chi Psi Omega'.split()
_GREEK_LOWER = ('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho '
                'sigmaf sigma tau upsilon phi chi psi omega').split()

_OTHERS = {
    # special characters
    'quot': 34, 'amp': 38, 'lt': 60, 'gt': 62, 'OElig': 338, 'oelig': 339, 'Scaron': 352,
    'scaron': 353, 'Yuml': 376, 'circ': 710, 'tilde': 732, 'ensp': 8194, 'emsp': 8195,
    'thinsp': 8201, 'zwnj': 8204, 'zwj': 8205, 'lrm': 8206, 'rlm': 8207, 'ndash': 8211,
    'mdash': 8212, 'lsquo': 8216, 'rsquo': 8217, 'sbquo': 8218, 'ldquo': 8220, 'rdquo': 8221,
    'bdquo': 8222, 'dagger': 8224, 'Dagger': 8225, 'permil': 8240, 'lsaquo': 8249,
    'rsaquo': 8250, 'euro': 8364,
    # symbols
    'fnof': 402, 'thetasym': 977, 'upsih': 978, 'piv': 982, 'bull': 8226, 'hellip': 8230,
    'prime': 8242, 'Prime': 8243, 'oline': 8254, 'frasl': 8260, 'weierp': 8472, 'image': 8465,
    'real': 8476, 'trade': 8482, 'alefsym': 8501, 'larr': 8592, 'uarr': 8593, 'rarr': 8594,
    'darr': 8595, 'harr': 8596, 'crarr': 8629, 'lArr': 8656, 'uArr': 8657, 'rArr': 8658,
    'dArr': 8659, 'hArr': 8660, 'forall': 8704, 'part': 8706, 'exist': 8707, 'empty': 8709,
    'nabla': 8711, 'isin': 8712, 'notin': 8713, 'ni': 8715, 'prod': 8719, 'sum': 8721,
    'minus': 8722, 'lowast': 8727, 'radic': 8730, 'prop': 8733, 'infin': 8734, 'ang': 8736,
    'and': 8743, 'or': 8744, 'cap': 8745, 'cup': 8746, 'int': 8747, 'there4': 8756, 'sim': 8764,
    'cong': 8773, 'asymp': 8776, 'ne': 8800, 'equiv': 8801, 'le': 8804, 'ge': 8805, 'sub': 8834,
    'sup': 8835, 'nsub': 8836, 'sube': 8838, 'supe': 8839, 'oplus': 8853, 'otimes': 8855,
    'perp': 8869, 'sdot': 8901, 'lceil': 8968, 'rceil': 8969, 'lfloor': 8970, 'rfloor': 8971,
    'lang': 9001, 'rang': 9002, 'loz': 9674, 'spades': 9824, 'clubs': 9827, 'hearts': 9829,
    'diams': 9830,
}

name2codepoint = {}
for _i, _n in enumerate(_LATIN1):
    name2codepoint[_n] = 160 + _i
for _i, _n in enumerate(_GREEK_UPPER):
    name2codepoint[_n] = 913 + _i
for _i, _n in enumerate(_GREEK_UPPER2):
    name2codepoint[_n] = 931 + _i
for _i, _n in enumerate(_GREEK_LOWER):
    name2codepoint[_n] = 945 + _i
name2codepoint.update(_OTHERS)

codepoint2name = {cp: name for name, cp in name2codepoint.items()}
entitydefs = {name: chr(cp) for name, cp in name2codepoint.items()}

html5 = {}
for _n, _cp in name2codepoint.items():
    html5[_n + ';'] = chr(_cp)
    if 160 <= _cp <= 255 or _n in ('amp', 'lt', 'gt', 'quot'):
        html5[_n] = chr(_cp)
html5['apos;'] = "'"
for _n, _c in (('AMP', '&'), ('LT', '<'), ('GT', '>'), ('QUOT', '"'), ('COPY', '\xa9'), ('REG', '\xae')):
    html5[_n] = _c
    html5[_n + ';'] = _c
del _i, _n, _cp, _c
