# csv for mpbox: CPython's csv module (reader, writer, DictReader, DictWriter,
# dialects, Sniffer) in pure Python, following the rules of CPython's _csv.
# DictReader rows are plain dicts, so printing one shows this build's dict
# order (not insertion order); reading row[name] or iterating fieldnames is
# unaffected. Importing csv makes open() accept newline='' (see below). The
# Sniffer follows CPython's approach (quotes around fields, then consistent
# per-line character counts) but is not a copy of it: unusual samples may be
# sniffed differently.

__all__ = ['QUOTE_MINIMAL', 'QUOTE_ALL', 'QUOTE_NONNUMERIC', 'QUOTE_NONE', 'Error',
           'Dialect', 'excel', 'excel_tab', 'unix_dialect', 'reader', 'writer',
           'register_dialect', 'get_dialect', 'list_dialects', 'unregister_dialect',
           'field_size_limit', 'DictReader', 'DictWriter', 'Sniffer', '__version__']

__version__ = '1.0'
QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3


class Error(Exception):
    pass


def _accept_newline_in_open():
    # CSV code opens its files with open(..., newline=''), which this build's
    # open() rejects. Its files never translate newlines, which is what
    # newline='' asks for, so importing csv makes open() accept and ignore
    # newline= (and errors=, buffering=, closefd=, opener=).
    import builtins
    try:
        # assigned builtins are seen by name lookup only, not as attributes
        if __mpbox_open_newline__:
            return
    except NameError:
        pass
    real = open

    def open_(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
              closefd=True, opener=None):
        if encoding is None:
            return real(file, mode)
        return real(file, mode, encoding=encoding)

    builtins.open = open_
    builtins.__mpbox_open_newline__ = True


_accept_newline_in_open()


class Dialect:
    _name = ''
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None
    strict = False

    def __init__(self):
        if self.__class__ is not Dialect:
            self._valid = True
        _Params(self)


class excel(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL


class excel_tab(excel):
    delimiter = '\t'


class unix_dialect(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL


_dialects = {'excel': excel, 'excel-tab': excel_tab, 'unix': unix_dialect}
_limit = [131072]


def _char(name, value, allow_none):
    if value is None:
        if allow_none:
            return None
        raise TypeError('"%s" must be a 1-character string' % name)
    if not isinstance(value, str):
        raise TypeError('"%s" must be string or None, not %s' % (name, type(value).__name__)
                        if allow_none else
                        '"%s" must be string, not %s' % (name, type(value).__name__))
    if len(value) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return value


class _Params:
    # the validated settings of a dialect plus keyword overrides; also what
    # reader.dialect and writer.dialect return
    def __init__(self, dialect=None, **kw):
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)
        names = ('delimiter', 'quotechar', 'escapechar', 'doublequote', 'skipinitialspace',
                 'lineterminator', 'quoting', 'strict')
        defaults = (',', '"', None, True, False, '\r\n', QUOTE_MINIMAL, False)
        for k in kw:
            if k not in names:
                raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        vals = {}
        missing = []
        for n, d in zip(names, defaults):
            v = d
            if n in kw:
                v = kw[n]
            elif dialect is not None:
                got = getattr(dialect, n, missing)
                # None is a setting for the optional characters only
                if got is not missing and (got is not None or n in ('quotechar', 'escapechar')):
                    v = got
            vals[n] = v
        q = vals['quoting']
        if type(q) is not int or q not in (0, 1, 2, 3):
            raise TypeError('bad "quoting" value')
        self.delimiter = _char('delimiter', vals['delimiter'], False)
        if vals['quotechar'] is None and 'quoting' not in kw:
            q = QUOTE_NONE
        self.quotechar = _char('quotechar', vals['quotechar'], True)
        self.escapechar = _char('escapechar', vals['escapechar'], True)
        lt = vals['lineterminator']
        if not isinstance(lt, str):
            raise TypeError('"lineterminator" must be a string')
        self.lineterminator = lt
        self.doublequote = bool(vals['doublequote'])
        self.skipinitialspace = bool(vals['skipinitialspace'])
        self.strict = bool(vals['strict'])
        self.quoting = q
        if q != QUOTE_NONE and self.quotechar is None:
            raise TypeError('quotechar must be set if quoting enabled')


def register_dialect(name, dialect=None, **fmtparams):
    if not isinstance(name, str):
        raise TypeError('dialect name must be a string')
    _dialects[name] = _Params(dialect, **fmtparams)


def unregister_dialect(name):
    if name not in _dialects:
        raise Error('unknown dialect')
    del _dialects[name]


def get_dialect(name):
    try:
        return _dialects[name]
    except (KeyError, TypeError):
        raise Error('unknown dialect') from None


def list_dialects():
    return list(_dialects)


def field_size_limit(*args):
    old = _limit[0]
    if len(args) > 1:
        raise TypeError('field_size_limit expected at most 1 argument, got %d' % len(args))
    if args:
        if type(args[0]) is not int:
            raise TypeError('"limit" must be an integer')
        _limit[0] = args[0]
    return old


# reader states
_START_RECORD, _START_FIELD, _ESCAPED, _IN_FIELD, _IN_QUOTED, _ESC_IN_QUOTED, \
    _QUOTE_IN_QUOTED, _EAT_CRNL, _AFTER_ESC_CRNL = range(9)


class _Reader:
    def __init__(self, f, dialect='excel', **kw):
        self._lines = iter(f)
        self.dialect = _Params(dialect, **kw)
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        d = self.dialect
        delim, quote, esc = d.delimiter, d.quotechar, d.escapechar
        quoting = d.quoting
        self._fields = []
        self._field = []
        self._numeric = False
        state = _START_RECORD
        while True:
            try:
                line = next(self._lines)
            except StopIteration:
                if self._field or state == _IN_QUOTED:
                    if d.strict:
                        raise Error('unexpected end of data') from None
                    self._save()
                    break
                raise
            if not isinstance(line, str):
                raise Error('iterator should return strings, not %s '
                            '(the file should be opened in text mode)' % type(line).__name__)
            self.line_num += 1
            if state == _START_RECORD:
                fields = self._simple_line(line, d)
                if fields is not None:
                    return fields
            for c in line:
                state = self._step(state, c, delim, quote, esc, quoting, d)
            state = self._step(state, None, delim, quote, esc, quoting, d)
            if state == _START_RECORD:
                break
        fields = self._fields
        self._fields = []
        return fields

    def _simple_line(self, line, d):
        # the fields of a whole record on one line with no quote or escape
        # characters: what the state machine would give, by str.split;
        # None when the line needs the state machine
        body = line
        if body.endswith('\n'):
            body = body[:-1]
        if body.endswith('\r'):
            body = body[:-1]
        if '\r' in body or '\n' in body:
            return None
        if d.escapechar is not None and d.escapechar in body:
            return None
        if d.quoting != QUOTE_NONE and d.quotechar in body:
            return self._quoted_line(body, d) if d.doublequote else None
        if not body:
            return []
        fields = body.split(d.delimiter)
        limit = _limit[0]
        for k in range(len(fields)):
            f = fields[k]
            if d.skipinitialspace:
                f = f.lstrip(' ')
                fields[k] = f
            if len(f) > limit:
                return None
            if d.quoting == QUOTE_NONNUMERIC and f:
                try:
                    fields[k] = float(f)
                except ValueError:
                    raise ValueError('could not convert string to float: %r' % (f,)) from None
        return fields

    def _quoted_line(self, body, d):
        # like _simple_line for a line with quoted fields that all close on
        # this line; None for anything else (text after a closing quote, ...)
        q, delim = d.quotechar, d.delimiter
        skip = d.skipinitialspace
        numeric = d.quoting == QUOTE_NONNUMERIC
        limit = _limit[0]
        n = len(body)
        fields = []
        i = 0
        while True:
            if skip:
                while i < n and body[i] == ' ':
                    i += 1
            if i < n and body[i] == q:
                parts = []
                j = i + 1
                while True:
                    k = body.find(q, j)
                    if k < 0:
                        return None
                    parts.append(body[j:k])
                    if k + 1 < n and body[k + 1] == q:
                        parts.append(q)
                        j = k + 2
                        continue
                    break
                i = k + 1
                if i < n and body[i] != delim:
                    return None
                value = ''.join(parts)
            else:
                k = body.find(delim, i)
                if k < 0:
                    k = n
                value = body[i:k]
                i = k
                if len(value) > limit:
                    return None
                if numeric and value:
                    try:
                        value = float(value)
                    except ValueError:
                        raise ValueError('could not convert string to float: %r' % (value,)) from None
                fields.append(value)
                if i >= n:
                    return fields
                i += 1
                continue
            if len(value) > limit:
                return None
            fields.append(value)
            if i >= n:
                return fields
            i += 1

    def _add(self, c):
        if len(self._field) >= _limit[0]:
            raise Error('field larger than field limit (%d)' % _limit[0])
        self._field.append(c)

    def _save(self):
        s = ''.join(self._field)
        self._field = []
        if self._numeric:
            self._numeric = False
            try:
                s = float(s)
            except ValueError:
                raise ValueError('could not convert string to float: %r' % (s,)) from None
        self._fields.append(s)

    def _step(self, state, c, delim, quote, esc, quoting, d):
        # c is None at the end of each line
        eol = c is None or c == '\n' or c == '\r'
        if state == _START_RECORD:
            if c is None:
                return _START_RECORD
            if c == '\n' or c == '\r':
                return _EAT_CRNL
            state = _START_FIELD
        if state == _START_FIELD:
            if eol:
                self._save()
                return _START_RECORD if c is None else _EAT_CRNL
            if c == quote and quoting != QUOTE_NONE:
                return _IN_QUOTED
            if c == esc:
                return _ESCAPED
            if c == ' ' and d.skipinitialspace:
                return _START_FIELD
            if c == delim:
                self._save()
                return _START_FIELD
            if quoting == QUOTE_NONNUMERIC:
                self._numeric = True
            self._add(c)
            return _IN_FIELD
        if state == _ESCAPED:
            if c == '\n' or c == '\r':
                self._add(c)
                return _AFTER_ESC_CRNL
            self._add('\n' if c is None else c)
            return _IN_FIELD
        if state == _AFTER_ESC_CRNL:
            if c is None:
                return _AFTER_ESC_CRNL
            state = _IN_FIELD
        if state == _IN_FIELD:
            if eol:
                self._save()
                return _START_RECORD if c is None else _EAT_CRNL
            if c == esc:
                return _ESCAPED
            if c == delim:
                self._save()
                return _START_FIELD
            self._add(c)
            return _IN_FIELD
        if state == _IN_QUOTED:
            if c is None:
                return _IN_QUOTED
            if c == esc:
                return _ESC_IN_QUOTED
            if c == quote:
                return _QUOTE_IN_QUOTED if d.doublequote else _IN_FIELD
            self._add(c)
            return _IN_QUOTED
        if state == _ESC_IN_QUOTED:
            self._add('\n' if c is None else c)
            return _IN_QUOTED
        if state == _QUOTE_IN_QUOTED:
            if quoting != QUOTE_NONE and c == quote:
                self._add(c)
                return _IN_QUOTED
            if c == delim:
                self._save()
                return _START_FIELD
            if eol:
                self._save()
                return _START_RECORD if c is None else _EAT_CRNL
            if not d.strict:
                self._add(c)
                return _IN_FIELD
            raise Error("'%s' expected after '%s'" % (delim, quote))
        # _EAT_CRNL
        if c == '\n' or c == '\r':
            return _EAT_CRNL
        if c is None:
            return _START_RECORD
        raise Error('new-line character seen in unquoted field - '
                    'do you need to open the file in universal-newline mode?')


def reader(csvfile, dialect='excel', **fmtparams):
    return _Reader(csvfile, dialect, **fmtparams)


def _is_number(x):
    return type(x) in (int, float, bool, complex) or hasattr(x, 'as_integer_ratio')


class _Writer:
    def __init__(self, f, dialect='excel', **kw):
        if not hasattr(f, 'write'):
            raise TypeError('argument 1 must have a "write" method')
        self._write = f.write
        self.dialect = _Params(dialect, **kw)
        d = self.dialect
        # characters that make a field need quoting or escaping
        self._specials = [c for c in (d.delimiter, d.escapechar, d.quotechar) if c] + \
            list(d.lineterminator)

    def _field(self, s, quoted):
        d = self.dialect
        plain = True
        for c in self._specials:
            if c in s:
                plain = False
                break
        if plain:
            return d.quotechar + s + d.quotechar if quoted else s
        special = (d.delimiter, d.escapechar, d.quotechar)
        out = []
        for c in s:
            if c in special or c in d.lineterminator:
                escape = False
                if d.quoting == QUOTE_NONE:
                    escape = True
                elif c == d.quotechar:
                    if d.doublequote:
                        out.append(c)
                    else:
                        escape = True
                elif c == d.escapechar:
                    escape = True
                if escape:
                    if d.escapechar is None:
                        raise Error('need to escape, but no escapechar set')
                    out.append(d.escapechar)
                else:
                    quoted = True
            out.append(c)
        s = ''.join(out)
        if quoted:
            s = d.quotechar + s + d.quotechar
        return s

    def writerow(self, row):
        d = self.dialect
        try:
            items = iter(row)
        except TypeError:
            raise Error('iterable expected, not %s' % type(row).__name__) from None
        parts = []
        for x in items:
            if d.quoting == QUOTE_NONNUMERIC:
                quoted = not _is_number(x)
            else:
                quoted = d.quoting == QUOTE_ALL
            if x is None:
                s = ''
            elif isinstance(x, str):
                s = x
            else:
                s = str(x)
            parts.append(self._field(s, quoted))
        if len(parts) == 1 and parts[0] == '':
            if d.quoting == QUOTE_NONE:
                raise Error('single empty field record must be quoted')
            parts[0] = d.quotechar * 2
        return self._write(d.delimiter.join(parts) + d.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(csvfile, dialect='excel', **fmtparams):
    return _Writer(csvfile, dialect, **fmtparams)


class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None,
                 dialect='excel', *args, **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
            self.line_num = self.reader.line_num
        names = self.fieldnames
        d = dict(zip(names, row))
        ln, lr = len(names), len(row)
        if ln < lr:
            d[self.restkey] = row[ln:]
        elif ln > lr:
            for key in names[lr:]:
                d[key] = self.restval
        return d


class DictWriter:
    def __init__(self, f, fieldnames, restval='', extrasaction='raise',
                 dialect='excel', *args, **kwds):
        if fieldnames is not None and iter(fieldnames) is fieldnames:
            fieldnames = list(fieldnames)
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ('raise', 'ignore'):
            raise ValueError("extrasaction (%s) must be 'raise' or 'ignore'" % extrasaction)
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        return self.writer.writerow(self.fieldnames)

    def _row(self, rowdict):
        if self.extrasaction == 'raise':
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError('dict contains fields not in fieldnames: '
                                 + ', '.join([repr(x) for x in wrong]))
        return [rowdict.get(k, self.restval) for k in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._row(rowdict))

    def writerows(self, rowdicts):
        return self.writer.writerows([self._row(r) for r in rowdicts])


def _alnum(c):
    return c.isalpha() or c.isdigit()


class Sniffer:
    # Guesses a dialect from a sample. Quoted samples: the quote character and
    # the delimiter are found around quoted fields; otherwise the delimiter is
    # the character whose count per line is most consistent.
    def __init__(self):
        self.preferred = [',', '\t', ';', ' ', ':']

    def sniff(self, sample, delimiters=None):
        quotechar, doublequote, delimiter, skipinitialspace = \
            self._guess_quote_and_delimiter(sample, delimiters)
        if not delimiter:
            delimiter, skipinitialspace = self._guess_delimiter(sample, delimiters)
        if not delimiter:
            raise Error('Could not determine delimiter')

        class dialect(Dialect):
            _name = 'sniffed'
            lineterminator = '\r\n'
            quoting = QUOTE_MINIMAL

        dialect.doublequote = doublequote
        dialect.delimiter = delimiter
        dialect.quotechar = quotechar or '"'
        dialect.skipinitialspace = skipinitialspace
        return dialect

    def _guess_quote_and_delimiter(self, data, delimiters):
        # count quote characters that open or close a field: "x", or ,"x"
        votes = {}
        delims = {}
        spaces = 0
        found = 0
        n = len(data)
        for q in ('"', "'"):
            i = 0
            while True:
                a = data.find(q, i)
                if a < 0:
                    break
                b = data.find(q, a + 1)
                if b < 0:
                    break
                before = data[a - 1] if a > 0 else '\n'
                k = b + 1
                after = data[k] if k < n else '\n'
                inner = data[a + 1:b]
                if '\n' not in inner and (before == '\n' or after == '\n' or before == ' '
                                          or (before not in q and not _alnum(before))):
                    d = None
                    sp = False
                    if before == ' ' and a > 1 and not _alnum(data[a - 2]):
                        d, sp = data[a - 2], True
                    elif before != '\n' and not _alnum(before) and before != ' ':
                        d = before
                    elif after != '\n' and not _alnum(after) and after != ' ':
                        d = after
                    # as in CPython, a quote character is never the delimiter
                    if d is not None and d not in '\n"\'' and (delimiters is None or d in delimiters):
                        delims[d] = delims.get(d, 0) + 1
                        if sp:
                            spaces += 1
                    votes[q] = votes.get(q, 0) + 1
                    found += 1
                i = b + 1
        if not votes:
            return '', False, None, 0
        quotechar = max(votes, key=lambda q: votes[q])
        delim = ''
        if delims:
            delim = max(delims, key=lambda c: delims[c])
        skip = bool(delims) and spaces == sum(delims.values())
        if delim == '\n':
            delim = ''
        dq = (quotechar * 2) in data
        return quotechar, dq, delim, skip

    def _guess_delimiter(self, data, delimiters):
        lines = [ln for ln in data.split('\n')]
        if lines and lines[-1] == '':
            lines.pop()
        lines = lines[:20]
        if not lines:
            return '', 0
        chars = {}
        for ln in lines:
            for c in ln:
                if ord(c) < 128 and not _alnum(c) and c not in '"\'\r':
                    chars[c] = 1
        best = []
        for c in chars:
            if delimiters is not None and c not in delimiters:
                continue
            counts = [ln.count(c) for ln in lines]
            freq = {}
            for k in counts:
                freq[k] = freq.get(k, 0) + 1
            mode = max(freq, key=lambda k: (freq[k], k))
            if mode == 0:
                continue
            share = freq[mode] / len(lines)
            best.append((share, c))
        if not best:
            return '', 0
        top = max(s for s, c in best)
        cands = [c for s, c in best if s == top]
        delim = cands[0]
        for p in self.preferred:
            if p in cands:
                delim = p
                break
        skip = all(ln.count(delim) == ln.count(delim + ' ') for ln in lines if delim in ln)
        return delim, skip and delim != ' '

    def has_header(self, sample):
        rdr = reader(sample.split('\n') if '\r' not in sample else sample.splitlines(),
                     self.sniff(sample))
        try:
            header = next(rdr)
        except StopIteration:
            return False
        columns = len(header)
        types = {}
        for i in range(columns):
            types[i] = None
        checked = 0
        for row in rdr:
            if checked > 20:
                break
            checked += 1
            if len(row) != columns:
                continue
            for col in list(types):
                v = row[col]
                t = len(v)
                for conv in (int, float, complex):
                    try:
                        conv(v)
                        t = conv
                        break
                    except (ValueError, OverflowError, TypeError):
                        pass
                if types[col] is None:
                    types[col] = t
                elif t != types[col]:
                    del types[col]
        vote = 0
        for col, t in types.items():
            if t is None:
                continue
            if type(t) is int:
                vote += 1 if len(header[col]) != t else -1
            else:
                try:
                    t(header[col])
                    vote -= 1
                except (ValueError, TypeError):
                    vote += 1
        return vote > 0
