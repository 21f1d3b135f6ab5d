# configparser for mpbox, written from the CPython 3.11 documentation: INI
# files with sections, a DEFAULT section, '=' and ':' delimiters, comments
# ('#', ';'), indented continuation lines, case-insensitive option names,
# BasicInterpolation (%(name)s) and ExtendedInterpolation (${section:name}),
# typed getters, mapping access through section proxies, and write().

__all__ = ['NoSectionError', 'DuplicateOptionError', 'DuplicateSectionError', 'NoOptionError',
           'InterpolationError', 'InterpolationDepthError', 'InterpolationMissingOptionError',
           'InterpolationSyntaxError', 'ParsingError', 'MissingSectionHeaderError',
           'ConfigParser', 'RawConfigParser', 'Interpolation', 'BasicInterpolation',
           'ExtendedInterpolation', 'SectionProxy', 'DEFAULTSECT', 'MAX_INTERPOLATION_DEPTH']

DEFAULTSECT = 'DEFAULT'
MAX_INTERPOLATION_DEPTH = 10


class Error(Exception):
    def __init__(self, msg=''):
        self.message = msg
        super().__init__(msg)

    def __repr__(self):
        return self.message

    __str__ = __repr__


class NoSectionError(Error):
    def __init__(self, section):
        Error.__init__(self, 'No section: %r' % (section,))
        self.section = section
        self.args = (section,)


def _duplicate_message(what, names, source, lineno):
    # "Section 's' already exists", or with where it was read from:
    # "While reading from 'f' [line  3]: section 's' already exists"
    msg = names + ' already exists'
    if source is None:
        return what.capitalize() + ' ' + msg
    where = 'While reading from ' + repr(source)
    if lineno is not None:
        where += ' [line {0:2d}]'.format(lineno)
    return where + ': ' + what + ' ' + msg


class DuplicateSectionError(Error):
    def __init__(self, section, source=None, lineno=None):
        Error.__init__(self, _duplicate_message('section', repr(section), source, lineno))
        self.section = section
        self.source = source
        self.lineno = lineno
        self.args = (section, source, lineno)


class DuplicateOptionError(Error):
    def __init__(self, section, option, source=None, lineno=None):
        Error.__init__(self, _duplicate_message('option', '%r in section %r' % (option, section), source, lineno))
        self.section = section
        self.option = option
        self.source = source
        self.lineno = lineno
        self.args = (section, option, source, lineno)


class NoOptionError(Error):
    def __init__(self, option, section):
        Error.__init__(self, 'No option %r in section: %r' % (option, section))
        self.option = option
        self.section = section
        self.args = (option, section)


class InterpolationError(Error):
    def __init__(self, option, section, msg):
        Error.__init__(self, msg)
        self.option = option
        self.section = section
        self.args = (option, section, msg)


class InterpolationMissingOptionError(InterpolationError):
    def __init__(self, option, section, rawval, reference):
        msg = ('Bad value substitution: option {!r} in section {!r} contains an interpolation '
               'key {!r} which is not a valid option name. Raw value: {!r}'.format(
                   option, section, reference, rawval))
        InterpolationError.__init__(self, option, section, msg)
        self.reference = reference
        self.args = (option, section, rawval, reference)


class InterpolationSyntaxError(InterpolationError):
    pass


class InterpolationDepthError(InterpolationError):
    def __init__(self, option, section, rawval):
        msg = ('Recursion limit exceeded in value substitution: option {!r} in section {!r} '
               'contains an interpolation key which cannot be substituted in {} steps. Raw '
               'value: {!r}'.format(option, section, MAX_INTERPOLATION_DEPTH, rawval))
        InterpolationError.__init__(self, option, section, msg)
        self.args = (option, section, rawval)


class ParsingError(Error):
    def __init__(self, source):
        Error.__init__(self, 'Source contains parsing errors: %r' % source)
        self.source = source
        self.errors = []
        self.args = (source,)

    def append(self, lineno, line):
        self.errors.append((lineno, line))
        self.message += '\n\t[line %2d]: %s' % (lineno, line)
        self.args = (self.source,)


class MissingSectionHeaderError(ParsingError):
    def __init__(self, filename, lineno, line):
        Error.__init__(self, 'File contains no section headers.\nfile: %r, line: %d\n%r'
                       % (filename, lineno, line))
        self.source = filename
        self.lineno = lineno
        self.line = line
        self.errors = []
        self.args = (filename, lineno, line)


class Interpolation:
    """No interpolation: values come back as written."""

    def before_get(self, parser, section, option, value, defaults):
        return value

    def before_set(self, parser, section, option, value):
        return value

    def before_read(self, parser, section, option, value):
        return value

    def before_write(self, parser, section, option, value):
        return value


def _valid_name(name):
    return bool(name) and all(c.isalpha() or c.isdigit() or c in '_-.' for c in name)


def _sub_names(s, head, tail):
    out = []
    while True:
        i = s.find(head)
        if i < 0:
            out.append(s)
            return ''.join(out)
        j = s.find(tail, i + len(head))
        if j < 0:
            out.append(s)
            return ''.join(out)
        out.append(s[:i])
        s = s[j + len(tail):]


class _MarkerInterpolation(Interpolation):
    """The two interpolations: MARK doubled is a literal MARK, MARK + OPEN
    ... CLOSE a reference, which _resolve turns into (option, section,
    mapping, raw value) of the value it names."""
    MARK = OPEN = CLOSE = ''

    def before_get(self, parser, section, option, value, defaults):
        out = []
        self._interpolate(parser, option, out, value, section, defaults, 1)
        return ''.join(out)

    def before_set(self, parser, section, option, value):
        m = self.MARK
        tmp = _sub_names(value.replace(m + m, ''), m + self.OPEN, self.CLOSE)
        if m in tmp:
            raise ValueError("invalid interpolation syntax in %r at position %d" % (value, tmp.find(m)))
        return value

    def _interpolate(self, parser, option, out, rest, section, mapping, depth):
        m = self.MARK
        rawval = parser.get(section, option, raw=True, fallback=rest)
        if depth > MAX_INTERPOLATION_DEPTH:
            raise InterpolationDepthError(option, section, rawval)
        while rest:
            p = rest.find(m)
            if p < 0:
                out.append(rest)
                return
            if p > 0:
                out.append(rest[:p])
                rest = rest[p:]
            c = rest[1:2]
            if c == m:
                out.append(m)
                rest = rest[2:]
            elif c == self.OPEN:
                end = rest.find(self.CLOSE)
                if end < 0:
                    raise InterpolationSyntaxError(option, section,
                                                   'bad interpolation variable reference %r' % rest)
                ref = rest[2:end]
                rest = rest[end + len(self.CLOSE):]
                opt, sect, names, v = self._resolve(parser, option, section, mapping, rawval, ref, rest)
                if m in v:
                    self._interpolate(parser, opt, out, v, sect, names, depth + 1)
                else:
                    out.append(v)
            else:
                raise InterpolationSyntaxError(
                    option, section, "'%s' must be followed by '%s' or '%s', found: %r"
                    % (m, m, self.OPEN, rest))


class BasicInterpolation(_MarkerInterpolation):
    """%(name)s refers to another option of the same section (or DEFAULT);
    %% is a literal percent sign."""
    MARK, OPEN, CLOSE = '%', '(', ')s'

    def _resolve(self, parser, option, section, mapping, rawval, ref, rest):
        var = parser.optionxform(ref)
        try:
            return option, section, mapping, mapping[var]
        except KeyError:
            raise InterpolationMissingOptionError(option, section, rawval, var) from None


class ExtendedInterpolation(_MarkerInterpolation):
    """${name} or ${section:name}; $$ is a literal dollar sign."""
    MARK, OPEN, CLOSE = '$', '{', '}'

    def _resolve(self, parser, option, section, mapping, rawval, ref, rest):
        path = ref.split(':')
        if len(path) > 2:
            raise InterpolationSyntaxError(option, section, "More than one ':' found: %r" % (rest,))
        try:
            if len(path) == 1:
                sect, opt = section, parser.optionxform(path[0])
                v = mapping[opt]
            else:
                sect, opt = path[0], parser.optionxform(path[1])
                v = parser.get(sect, opt, raw=True)
        except (KeyError, NoSectionError, NoOptionError):
            raise InterpolationMissingOptionError(option, section, rawval, ':'.join(path)) from None
        # a nested reference is read among the named section's own options
        names = dict(parser.items(sect, raw=True)) if self.MARK in v else None
        return opt, sect, names, v


_UNSET = object()


class RawConfigParser:
    BOOLEAN_STATES = {'1': True, 'yes': True, 'true': True, 'on': True,
                      '0': False, 'no': False, 'false': False, 'off': False}
    _DEFAULT_INTERPOLATION = Interpolation()

    def __init__(self, defaults=None, dict_type=dict, allow_no_value=False, *,
                 delimiters=('=', ':'), comment_prefixes=('#', ';'), inline_comment_prefixes=None,
                 strict=True, empty_lines_in_values=True, default_section=DEFAULTSECT,
                 interpolation=_UNSET, converters=_UNSET):
        self._dict = dict_type
        self._sections = {}
        self._order = []  # section names in the order they were added
        self._defaults = {}
        self._delimiters = tuple(delimiters)
        self._comment_prefixes = tuple(comment_prefixes or ())
        self._inline_comment_prefixes = tuple(inline_comment_prefixes or ())
        self._strict = strict
        self._allow_no_value = allow_no_value
        self._empty_lines_in_values = empty_lines_in_values
        self.default_section = default_section
        if interpolation is _UNSET:
            interpolation = self._DEFAULT_INTERPOLATION
        if interpolation is None:
            interpolation = Interpolation()
        self._interpolation = interpolation
        self._proxies = {default_section: SectionProxy(self, default_section)}
        if defaults:
            for k, v in defaults.items():
                self._defaults[self.optionxform(k)] = None if v is None else str(v)
        if converters is not _UNSET:
            for name, fn in converters.items():
                self._add_converter(name, fn)

    def _add_converter(self, name, fn):
        def getter(section, option, *, raw=False, vars=None, fallback=_UNSET):
            return self._get_conv(section, option, fn, raw=raw, vars=vars, fallback=fallback)
        setattr(self, 'get' + name, getter)

    # ---- names ----

    def optionxform(self, optionstr):
        return optionstr.lower()

    def defaults(self):
        return self._defaults

    def sections(self):
        return list(self._order)

    def add_section(self, section):
        if section == self.default_section:
            raise ValueError('Invalid section name: %r' % section)
        if not isinstance(section, str):
            raise TypeError('section names must be strings')
        if section in self._sections:
            raise DuplicateSectionError(section)
        self._sections[section] = {}
        self._order.append(section)
        self._proxies[section] = SectionProxy(self, section)

    def has_section(self, section):
        return section in self._sections

    def options(self, section):
        try:
            opts = list(self._sections[section])
        except KeyError:
            raise NoSectionError(section) from None
        return opts + [k for k in self._defaults if k not in self._sections[section]]

    def has_option(self, section, option):
        option = self.optionxform(option)
        if not section or section == self.default_section:
            return option in self._defaults
        if section not in self._sections:
            return False
        return option in self._sections[section] or option in self._defaults

    def remove_section(self, section):
        existed = section in self._sections
        if existed:
            del self._sections[section]
            self._order.remove(section)
            del self._proxies[section]
        return existed

    def remove_option(self, section, option):
        if not section or section == self.default_section:
            sectdict = self._defaults
        else:
            try:
                sectdict = self._sections[section]
            except KeyError:
                raise NoSectionError(section) from None
        option = self.optionxform(option)
        existed = option in sectdict
        if existed:
            del sectdict[option]
        return existed

    # ---- reading ----

    def read(self, filenames, encoding=None):
        if isinstance(filenames, (str, bytes)):
            filenames = [filenames]
        read_ok = []
        for filename in filenames:
            try:
                with open(filename) as fp:
                    self._read(fp, filename)
            except OSError:
                continue
            read_ok.append(filename)
        return read_ok

    def read_file(self, f, source=None):
        if source is None:
            source = getattr(f, 'name', '<???>')
        self._read(f, source)

    def read_string(self, string, source='<string>'):
        self._read(string.splitlines(True), source)

    def read_dict(self, dictionary, source='<dict>'):
        seen = set()
        for section, keys in dictionary.items():
            section = str(section)
            try:
                self.add_section(section)
            except (DuplicateSectionError, ValueError):
                if self._strict and section in seen:
                    raise
            seen.add(section)
            for key, value in keys.items():
                key = self.optionxform(str(key))
                if value is not None:
                    value = str(value)
                if self._strict and (section, key) in seen:
                    raise DuplicateOptionError(section, key, source)
                seen.add((section, key))
                self.set(section, key, value)

    def _strip_comment(self, line):
        stripped = line.strip()
        for prefix in self._comment_prefixes:
            if stripped.startswith(prefix):
                return ''
        if self._inline_comment_prefixes:
            best = len(line)
            for prefix in self._inline_comment_prefixes:
                i = line.find(' ' + prefix)
                if i < 0:
                    i = line.find('\t' + prefix)
                if i >= 0 and i < best:
                    best = i
            line = line[:best]
        return line.strip()

    def _read(self, lines, fpname):
        cursect = None
        sectname = None
        optname = None
        indent_level = 0
        elements_added = set()
        errors = None
        for lineno, raw in enumerate(lines, 1):
            line = raw.rstrip('\r\n')
            value = self._strip_comment(line)
            if not value:
                if self._empty_lines_in_values:
                    if (cursect is not None and optname is not None
                            and cursect[optname] is not None and not line.strip().startswith(
                                self._comment_prefixes or ('\0',))):
                        cursect[optname].append('')
                else:
                    indent_level = len(line) + 1
                continue
            cur_indent = len(line) - len(line.lstrip())
            if cursect is not None and optname and cur_indent > indent_level:
                if cursect[optname] is None:
                    errors = self._error(errors, fpname, lineno, line)
                else:
                    cursect[optname].append(value)
                continue
            indent_level = cur_indent
            if value.startswith('[') and value.endswith(']') and ']' not in value[1:-1]:
                sectname = value[1:-1]
                if sectname in self._sections:
                    if self._strict and sectname in elements_added:
                        raise DuplicateSectionError(sectname, fpname, lineno)
                    cursect = self._sections[sectname]
                    elements_added.add(sectname)
                elif sectname == self.default_section:
                    cursect = self._defaults
                else:
                    self._sections[sectname] = cursect = {}
                    self._order.append(sectname)
                    self._proxies[sectname] = SectionProxy(self, sectname)
                    elements_added.add(sectname)
                optname = None
                continue
            if cursect is None:
                raise MissingSectionHeaderError(fpname, lineno, raw)
            pos = -1
            for d in self._delimiters:
                i = value.find(d)
                if i >= 0 and (pos < 0 or i < pos):
                    pos = i
            if pos < 0:
                if self._allow_no_value:
                    optname = self.optionxform(value.rstrip())
                    cursect[optname] = None
                    continue
                errors = self._error(errors, fpname, lineno, line)
                continue
            optname = self.optionxform(value[:pos].rstrip())
            if not optname:
                errors = self._error(errors, fpname, lineno, line)
                continue
            if self._strict and (sectname, optname) in elements_added:
                raise DuplicateOptionError(sectname, optname, fpname, lineno)
            elements_added.add((sectname, optname))
            cursect[optname] = [value[pos + 1:].strip()]
        self._join_values()
        if errors:
            raise errors

    def _error(self, errors, fpname, lineno, line):
        if errors is None:
            errors = ParsingError(fpname)
        errors.append(lineno, repr(line))
        return errors

    def _join_values(self):
        for sect in [self._defaults] + [self._sections[s] for s in self._order]:
            for name, val in sect.items():
                if isinstance(val, list):
                    while val and val[-1] == '':
                        val.pop()
                    val = '\n'.join(val).rstrip()
                    sect[name] = self._interpolation.before_read(self, '', name, val)

    # ---- getting ----

    def _unify(self, section, vars):
        d = dict(self._defaults)
        if section != self.default_section:
            try:
                d.update(self._sections[section])
            except KeyError:
                raise NoSectionError(section) from None
        if vars:
            for k, v in vars.items():
                if v is not None:
                    v = str(v)
                d[self.optionxform(k)] = v
        return d

    def get(self, section, option, *, raw=False, vars=None, fallback=_UNSET):
        try:
            d = self._unify(section, vars)
        except NoSectionError:
            if fallback is _UNSET:
                raise
            return fallback
        option = self.optionxform(option)
        try:
            value = d[option]
        except KeyError:
            if fallback is _UNSET:
                raise NoOptionError(option, section) from None
            return fallback
        if raw or value is None:
            return value
        return self._interpolation.before_get(self, section, option, value, d)

    def _get_conv(self, section, option, conv, *, raw=False, vars=None, fallback=_UNSET):
        try:
            return conv(self.get(section, option, raw=raw, vars=vars))
        except (NoSectionError, NoOptionError):
            if fallback is _UNSET:
                raise
            return fallback

    def getint(self, section, option, *, raw=False, vars=None, fallback=_UNSET):
        return self._get_conv(section, option, int, raw=raw, vars=vars, fallback=fallback)

    def getfloat(self, section, option, *, raw=False, vars=None, fallback=_UNSET):
        return self._get_conv(section, option, float, raw=raw, vars=vars, fallback=fallback)

    def _convert_to_boolean(self, value):
        if value.lower() not in self.BOOLEAN_STATES:
            raise ValueError('Not a boolean: %s' % value)
        return self.BOOLEAN_STATES[value.lower()]

    def getboolean(self, section, option, *, raw=False, vars=None, fallback=_UNSET):
        return self._get_conv(section, option, self._convert_to_boolean, raw=raw, vars=vars,
                              fallback=fallback)

    def items(self, section=_UNSET, raw=False, vars=None):
        if section is _UNSET:
            return [(name, self._proxies[name]) for name in [self.default_section] + self._order]
        d = self._unify(section, vars)
        if raw:
            return [(k, d[k]) for k in d]
        return [(k, self._interpolation.before_get(self, section, k, d[k], d)
                 if d[k] is not None else None) for k in d]

    # ---- setting and writing ----

    def set(self, section, option, value=None):
        if value is not None:
            value = self._interpolation.before_set(self, section, option, value)
        if not section or section == self.default_section:
            sectdict = self._defaults
        else:
            try:
                sectdict = self._sections[section]
            except KeyError:
                raise NoSectionError(section) from None
        sectdict[self.optionxform(option)] = value

    def write(self, fp, space_around_delimiters=True):
        d = ' %s ' % self._delimiters[0] if space_around_delimiters else self._delimiters[0]
        if self._defaults:
            self._write_section(fp, self.default_section, self._defaults.items(), d)
        for section in self._order:
            self._write_section(fp, section, self._sections[section].items(), d)

    def _write_section(self, fp, name, items, delimiter):
        fp.write('[%s]\n' % name)
        for key, value in items:
            value = self._interpolation.before_write(self, name, key, value)
            if value is not None or not self._allow_no_value:
                value = delimiter + str(value).replace('\n', '\n\t')
            else:
                value = ''
            fp.write('%s%s\n' % (key, value))
        fp.write('\n')

    # ---- mapping protocol ----

    def __getitem__(self, key):
        if key != self.default_section and not self.has_section(key):
            raise KeyError(key)
        return self._proxies[key]

    def __setitem__(self, key, value):
        if key in self and self[key] is value:
            return
        if key == self.default_section:
            self._defaults.clear()
        elif key in self._sections:
            self._sections[key].clear()
        self.read_dict({key: value})

    def __delitem__(self, key):
        if key == self.default_section:
            raise ValueError('Cannot remove the default section.')
        if not self.has_section(key):
            raise KeyError(key)
        self.remove_section(key)

    def __contains__(self, key):
        return key == self.default_section or self.has_section(key)

    def __len__(self):
        return len(self._sections) + 1

    def __iter__(self):
        return iter([self.default_section] + self._order)

    def keys(self):
        return [self.default_section] + self._order


class ConfigParser(RawConfigParser):
    _DEFAULT_INTERPOLATION = BasicInterpolation()


SafeConfigParser = ConfigParser


class SectionProxy:
    """A section seen as a mapping of its options (with the defaults)."""

    def __init__(self, parser, name):
        self._parser = parser
        self._name = name

    def __repr__(self):
        return '<Section: {}>'.format(self._name)

    @property
    def parser(self):
        return self._parser

    @property
    def name(self):
        return self._name

    def __getitem__(self, key):
        if not self._parser.has_option(self._name, key):
            raise KeyError(key)
        return self._parser.get(self._name, key)

    def __setitem__(self, key, value):
        self._parser.set(self._name, key, value)

    def __delitem__(self, key):
        if not (self._parser.has_option(self._name, key)
                and self._parser.remove_option(self._name, key)):
            raise KeyError(key)

    def __contains__(self, key):
        return self._parser.has_option(self._name, key)

    def __len__(self):
        return len(self._options())

    def __iter__(self):
        return iter(self._options())

    def _options(self):
        if self._name != self._parser.default_section:
            return self._parser.options(self._name)
        return list(self._parser.defaults())

    def keys(self):
        return self._options()

    def values(self):
        return [self[k] for k in self._options()]

    def items(self):
        return [(k, self[k]) for k in self._options()]

    def get(self, option, fallback=None, *, raw=False, vars=None, _impl=None, **kwargs):
        return self._parser.get(self._name, option, raw=raw, vars=vars, fallback=fallback)

    def getint(self, option, fallback=None, *, raw=False, vars=None):
        return self._parser.getint(self._name, option, raw=raw, vars=vars, fallback=fallback)

    def getfloat(self, option, fallback=None, *, raw=False, vars=None):
        return self._parser.getfloat(self._name, option, raw=raw, vars=vars, fallback=fallback)

    def getboolean(self, option, fallback=None, *, raw=False, vars=None):
        return self._parser.getboolean(self._name, option, raw=raw, vars=vars, fallback=fallback)
