# urllib.parse for mpbox, written from the CPython 3.11 documentation and
# RFC 3986 (splitting a URL into its parts, resolving a reference against a
# base, percent-encoding) -- URL strings only: nothing here touches the
# network, which the sandbox does not have. Text (str) URLs; bytes are
# refused with a TypeError.
from collections import namedtuple as _namedtuple

__all__ = ['urlparse', 'urlunparse', 'urljoin', 'urldefrag', 'urlsplit', 'urlunsplit',
           'urlencode', 'parse_qs', 'parse_qsl', 'quote', 'quote_plus', 'quote_from_bytes',
           'unquote', 'unquote_plus', 'unquote_to_bytes', 'DefragResult', 'ParseResult',
           'SplitResult']

# Schemes whose URLs have a network location, take relative references,
# have ;parameters (the lists the documentation's functions consult)
uses_relative = ['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp',
                 'mms', 'prospero', 'rtsp', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss']
uses_netloc = ['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms',
               'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh',
               'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']
uses_params = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu',
               'sip', 'sips', 'mms', 'sftp', 'tel']

_SCHEME_CHARS = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.')
_ALWAYS_SAFE = frozenset(b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~')
_HEX = '0123456789ABCDEF'


def _text(x, what='url'):
    if isinstance(x, (bytes, bytearray)):
        raise TypeError('urllib.parse in mpbox takes str %ss, not bytes: decode it first' % what)
    return x


class _NetlocParts:
    # username, password, hostname, port from the netloc (RFC 3986 3.2)
    __slots__ = ()

    @property
    def username(self):
        userinfo, at, _ = self.netloc.rpartition('@')
        return userinfo.partition(':')[0] if at else None

    @property
    def password(self):
        userinfo, at, _ = self.netloc.rpartition('@')
        if not at:
            return None
        _, colon, password = userinfo.partition(':')
        return password if colon else None

    def _hostport(self):
        hostinfo = self.netloc.rpartition('@')[2]
        before, bracket, inside = hostinfo.partition('[')
        if bracket:
            host, _, rest = inside.partition(']')
            port = rest.partition(':')[2]
        else:
            host, _, port = hostinfo.partition(':')
        return host, port or None

    @property
    def hostname(self):
        host = self._hostport()[0]
        if not host:
            return None
        # an IPv6 zone (%eth0) keeps its case
        addr, pct, zone = host.partition('%')
        return addr.lower() + pct + zone

    @property
    def port(self):
        port = self._hostport()[1]
        if port is None:
            return None
        if not (port.isdigit() and port.isascii()):
            raise ValueError('Port could not be cast to integer value as %r' % (port,))
        n = int(port)
        if not 0 <= n <= 65535:
            raise ValueError('Port out of range 0-65535')
        return n


def _repr(self):
    return '%s(%s)' % (type(self).__name__,
                       ', '.join('%s=%r' % (n, v) for n, v in zip(self._fields, self)))


class SplitResult(_namedtuple('SplitResult', 'scheme netloc path query fragment'), _NetlocParts):
    __slots__ = ()
    __repr__ = _repr

    def geturl(self):
        return urlunsplit(self)


class ParseResult(_namedtuple('ParseResult', 'scheme netloc path params query fragment'),
                  _NetlocParts):
    __slots__ = ()
    __repr__ = _repr

    def geturl(self):
        return urlunparse(self)


class DefragResult(_namedtuple('DefragResult', 'url fragment')):
    __slots__ = ()
    __repr__ = _repr

    def geturl(self):
        return self.url + '#' + self.fragment if self.fragment else self.url


def urlsplit(urlstring, scheme='', allow_fragments=True):
    """Split a URL into scheme, netloc, path, query and fragment."""
    url = _text(urlstring)
    # leading C0 controls and spaces go, and tabs and newlines anywhere
    i = 0
    while i < len(url) and url[i] <= ' ':
        i += 1
    url = url[i:]
    for c in '\t\r\n':
        url = url.replace(c, '')
    scheme = scheme.strip() if scheme else scheme
    netloc = query = fragment = ''
    colon = url.find(':')
    if colon > 0 and url[0].isascii() and url[0].isalpha() and \
            all(c in _SCHEME_CHARS for c in url[:colon]):
        scheme = url[:colon].lower()
        url = url[colon + 1:]
    if url[:2] == '//':
        end = len(url)
        for c in '/?#':
            k = url.find(c, 2)
            if 0 <= k < end:
                end = k
        netloc = url[2:end]
        url = url[end:]
        if ('[' in netloc) != (']' in netloc):
            raise ValueError('Invalid IPv6 URL')
    if allow_fragments and '#' in url:
        url, fragment = url.split('#', 1)
    if '?' in url:
        url, query = url.split('?', 1)
    return SplitResult(scheme, netloc, url, query, fragment)


def urlparse(urlstring, scheme='', allow_fragments=True):
    """Split a URL into its six parts: scheme, netloc, path, params,
    query and fragment."""
    s = urlsplit(urlstring, scheme, allow_fragments)
    path = s.path
    params = ''
    if s.scheme in uses_params and ';' in path:
        # the parameters of the last path segment
        k = path.find(';', path.rfind('/') + 1) if '/' in path else path.find(';')
        if k >= 0:
            path, params = path[:k], path[k + 1:]
    return ParseResult(s.scheme, s.netloc, path, params, s.query, s.fragment)


def urlunsplit(components):
    scheme, netloc, url, query, fragment = components
    if netloc or (scheme and scheme in uses_netloc and url[:2] != '//'):
        if url and url[:1] != '/':
            url = '/' + url
        url = '//' + (netloc or '') + url
    if scheme:
        url = scheme + ':' + url
    if query:
        url = url + '?' + query
    if fragment:
        url = url + '#' + fragment
    return url


def urlunparse(components):
    scheme, netloc, url, params, query, fragment = components
    if params:
        url = url + ';' + params
    return urlunsplit((scheme, netloc, url, query, fragment))


def urldefrag(url):
    """The URL without its fragment, and the fragment."""
    if '#' not in _text(url):
        return DefragResult(url, '')
    s, n, p, a, q, frag = urlparse(url)
    return DefragResult(urlunparse((s, n, p, a, q, '')), frag)


def _remove_dot_segments(segments):
    out = []
    for seg in segments:
        if seg == '..':
            if out:
                out.pop()
        elif seg != '.':
            out.append(seg)
    if segments and segments[-1] in ('.', '..'):
        out.append('')
    return out


def urljoin(base, url, allow_fragments=True):
    """Resolve url against base (RFC 3986, section 5.2)."""
    if not base:
        return url
    if not url:
        return base
    bscheme, bnetloc, bpath, bparams, bquery, bfrag = urlparse(base, '', allow_fragments)
    scheme, netloc, path, params, query, frag = urlparse(url, bscheme, allow_fragments)
    if scheme != bscheme or scheme not in uses_relative:
        return _text(url)
    if scheme in uses_netloc:
        if netloc:
            return urlunparse((scheme, netloc, path, params, query, frag))
        netloc = bnetloc
    if not path and not params:
        return urlunparse((scheme, netloc, bpath, bparams, query or bquery, frag))
    if path[:1] == '/':
        segments = path.split('/')
    else:
        # merge: the base path without its last segment, then the reference
        directory = bpath.split('/')[:-1]
        segments = directory + path.split('/')
        segments = segments[:1] + [s for s in segments[1:-1] if s] + segments[-1:]
    resolved = '/'.join(_remove_dot_segments(segments)) or '/'
    return urlunparse((scheme, netloc, resolved, params, query, frag))


def quote_from_bytes(bs, safe='/'):
    """Percent-encode every byte of bs that is not unreserved or in safe."""
    if not isinstance(bs, (bytes, bytearray)):
        raise TypeError('quote_from_bytes() expected bytes')
    if not bs:
        return ''
    if isinstance(safe, str):
        safe = safe.encode('ascii', 'ignore')
    keep = _ALWAYS_SAFE | frozenset(safe)
    out = []
    for b in bs:
        if b in keep:
            out.append(chr(b))
        else:
            out.append('%' + _HEX[b >> 4] + _HEX[b & 15])
    return ''.join(out)


def quote(string, safe='/', encoding=None, errors=None):
    """Percent-encode string (as UTF-8 by default) for a URL component;
    '/' is kept unless safe says otherwise."""
    if isinstance(string, str):
        if not string:
            return string
        string = string.encode(encoding or 'utf-8', errors or 'strict')
    else:
        if encoding is not None:
            raise TypeError("quote() doesn't support 'encoding' for bytes")
        if errors is not None:
            raise TypeError("quote() doesn't support 'errors' for bytes")
    return quote_from_bytes(string, safe)


def quote_plus(string, safe='', encoding=None, errors=None):
    """quote() for a form value: spaces become '+'."""
    space = ' ' if isinstance(string, str) else b' '
    if space not in string:
        return quote(string, safe, encoding, errors)
    if isinstance(safe, str):
        safe = safe + ' '
    else:
        safe = bytes(safe) + b' '
    return quote(string, safe, encoding, errors).replace(' ', '+')


def _hexval(c):
    return '0123456789abcdef'.find(c.lower()) if len(c) == 1 else -1


def unquote_to_bytes(string):
    """Replace %xx escapes by their bytes."""
    if isinstance(string, str):
        string = string.encode('utf-8')
    string = bytes(string)
    if b'%' not in string:
        return string
    parts = string.split(b'%')
    out = bytearray(parts[0])
    for part in parts[1:]:
        if len(part) >= 2:
            hi, lo = _hexval(chr(part[0])), _hexval(chr(part[1]))
            if hi >= 0 and lo >= 0:
                out.append(hi * 16 + lo)
                out.extend(part[2:])
                continue
        out.extend(b'%')
        out.extend(part)
    return bytes(out)


def unquote(string, encoding='utf-8', errors='replace'):
    """Replace %xx escapes (of UTF-8 text by default) by their characters."""
    if isinstance(string, (bytes, bytearray)):
        return unquote_to_bytes(string).decode(encoding, errors)
    if '%' not in string:
        return string
    if encoding is None:
        encoding = 'utf-8'
    if errors is None:
        errors = 'replace'
    # runs of escapes are decoded together (a character may take several)
    out = []
    parts = string.split('%')
    out.append(parts[0])
    run = bytearray()
    for part in parts[1:]:
        hi = _hexval(part[0]) if part else -1
        lo = _hexval(part[1]) if len(part) > 1 else -1
        if hi >= 0 and lo >= 0:
            run.append(hi * 16 + lo)
            rest = part[2:]
        else:
            rest = '%' + part
        if rest:
            if run:
                out.append(bytes(run).decode(encoding, errors))
                run = bytearray()
            out.append(rest)
    if run:
        out.append(bytes(run).decode(encoding, errors))
    return ''.join(out)


def unquote_plus(string, encoding='utf-8', errors='replace'):
    """unquote() for a form value: '+' becomes a space."""
    return unquote(string.replace('+', ' '), encoding, errors)


def parse_qsl(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
              errors='replace', max_num_fields=None, separator='&'):
    """The name=value pairs of a query string, as a list of (name, value)."""
    qs = _text(qs, 'query string')
    if not separator or not isinstance(separator, (str, bytes)):
        raise ValueError('Separator must be of type string or bytes.')
    if max_num_fields is not None and 1 + qs.count(separator) > max_num_fields:
        raise ValueError('Max number of fields exceeded')
    pairs = []
    for field in qs.split(separator) if qs else []:
        if not field and not strict_parsing:
            continue
        name, eq, value = field.partition('=')
        if not eq:
            if strict_parsing:
                raise ValueError('bad query field: %r' % (field,))
            if not keep_blank_values:
                continue
        if value or keep_blank_values:
            pairs.append((unquote(name.replace('+', ' '), encoding, errors),
                          unquote(value.replace('+', ' '), encoding, errors)))
    return pairs


def parse_qs(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8',
             errors='replace', max_num_fields=None, separator='&'):
    """A query string as a dict of name -> list of values."""
    out = {}
    for name, value in parse_qsl(qs, keep_blank_values, strict_parsing, encoding, errors,
                                 max_num_fields, separator):
        if name in out:
            out[name].append(value)
        else:
            out[name] = [value]
    return out


def urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus):
    """A mapping or a sequence of pairs as a query string (name=value&...),
    each part encoded by quote_via; with doseq, sequence values give one
    pair per item."""
    if hasattr(query, 'items'):
        query = query.items()
    else:
        try:
            if len(query) and not isinstance(query[0], tuple):
                raise TypeError
        except TypeError:
            raise TypeError('not a valid non-string sequence or mapping object') from None

    def enc(x):
        if isinstance(x, bytes):
            return quote_via(x, safe)
        return quote_via(x if isinstance(x, str) else str(x), safe, encoding, errors)
    out = []
    for k, v in query:
        k = enc(k)
        if not doseq or isinstance(v, (str, bytes)):
            out.append(k + '=' + enc(v))
            continue
        try:
            len(v)
        except TypeError:
            out.append(k + '=' + enc(v))
            continue
        for item in v:
            out.append(k + '=' + enc(item))
    return '&'.join(out)
