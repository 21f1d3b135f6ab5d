# traceback for mpbox, built on MicroPython's sys.print_exception.
# Differences from CPython, by necessity:
# - frames come from MicroPython's traceback: file names such as "<stdin>",
#   no source lines; chained exceptions (__cause__, __context__) are printed
#   as CPython prints them;
# - print_exc()/format_exc() find the exception being handled with
#   sys.exc_info() (lib/python/sys.py); without it they say so and name the
#   working call, traceback.print_exception(e) / format_exception(e);
# - traceback objects do not exist: extract_tb()/format_tb()/print_tb()
#   accept the exception itself instead; the *_stack functions give no frames.
import sys

__all__ = ['extract_stack', 'extract_tb', 'format_exception', 'format_exception_only',
           'format_list', 'format_stack', 'format_tb', 'print_exc', 'format_exc',
           'print_exception', 'print_last', 'print_stack', 'print_tb', 'clear_frames',
           'FrameSummary', 'StackSummary', 'TracebackException', 'walk_stack', 'walk_tb']

_sentinel = object()
_NO_CURRENT = ('Traceback (most recent call last):\n'
               '  <not available: this sandbox keeps no current exception; '
               'use traceback.print_exception(e) or traceback.format_exception(e) '
               'with the caught exception e>\n')


class FrameSummary:
    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals

    @property
    def line(self):
        return self._line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno
                    and self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return '<FrameSummary file %s, line %s in %s>' % (self.filename, self.lineno, self.name)


class StackSummary(list):
    @classmethod
    def from_list(cls, a_list):
        out = cls()
        for f in a_list:
            if isinstance(f, FrameSummary):
                out.append(f)
            else:
                filename, lineno, name, line = f
                out.append(FrameSummary(filename, lineno, name, line=line))
        return out

    def format(self):
        out = []
        for f in self:
            s = '  File "%s", line %s, in %s\n' % (f.filename, f.lineno, f.name)
            if f.line:
                s += '    %s\n' % f.line.strip()
            out.append(s)
        return out


def _frames(exc):
    # the frames of a raised exception, parsed from sys.print_exception
    if not isinstance(exc, BaseException):
        return []
    import io
    buf = io.StringIO()
    try:
        sys.print_exception(exc, buf)
    except Exception:
        pass  # printing the message raised (its __str__): the frames came first
    frames = []
    for line in buf.getvalue().split('\n'):
        if not line.startswith('  File "'):
            continue
        rest = line[8:]
        q = rest.find('"')
        if q < 0:
            continue
        filename = rest[:q]
        rest = rest[q + 1:]
        lineno = None
        name = None
        if rest.startswith(', line '):
            rest = rest[7:]
            k = rest.find(',')
            num = rest if k < 0 else rest[:k]
            try:
                lineno = int(num)
            except ValueError:
                pass
            if k >= 0 and rest[k:].startswith(', in '):
                name = rest[k + 5:]
        frames.append(FrameSummary(filename, lineno, name, line=None))
    return frames


def _limited(frames, limit):
    if limit is None:
        return frames
    if limit >= 0:
        return frames[:limit]
    return frames[limit:]


def _exc_str(value):
    args = getattr(value, 'args', ())
    if isinstance(value, KeyError) and len(args) == 1:
        return repr(args[0])
    if (isinstance(value, OSError) and len(args) >= 2 and isinstance(args[0], int)
            and isinstance(args[1], str)):
        s = '[Errno %d] %s' % (args[0], args[1])
        if len(args) > 2:
            s += ': %r' % (args[2],)
        return s
    try:
        return str(value)
    except Exception:
        return '<exception str() failed>'


def _type_name(t):
    name = getattr(t, '__qualname__', None) or t.__name__
    mod = getattr(t, '__module__', None)
    if mod not in (None, '__main__', 'builtins'):
        name = mod + '.' + name
    return name


def format_exception_only(exc, value=_sentinel):
    if value is not _sentinel:
        exc = value
    if exc is None:
        return ['NoneType: None\n']
    if isinstance(exc, type):
        return [_type_name(exc) + '\n']
    name = _type_name(type(exc))
    s = _exc_str(exc)
    return [name + ('\n' if not s else ': ' + s + '\n')]


_CAUSE = '\nThe above exception was the direct cause of the following exception:\n\n'
_CONTEXT = '\nDuring handling of the above exception, another exception occurred:\n\n'


def _chain(exc):
    # [(exception, the line printed after it)], oldest first, ending with
    # exc; linear in the chain's length (seen by id, built newest first)
    out = [(exc, None)]
    seen = {id(exc)}
    e = exc
    while True:
        cause = getattr(e, '__cause__', None)
        context = getattr(e, '__context__', None)
        if cause is not None:
            nxt, link = cause, _CAUSE
        elif context is not None and not getattr(e, '__suppress_context__', False):
            nxt, link = context, _CONTEXT
        else:
            break
        if id(nxt) in seen:
            break
        seen.add(id(nxt))
        out.append((nxt, link))
        e = nxt
    out.reverse()
    return out


def _format_one(exc, limit):
    out = []
    frames = _limited(_frames(exc), limit)
    if frames:
        out.append('Traceback (most recent call last):\n')
        out.extend(StackSummary.from_list(frames).format())
    out.extend(format_exception_only(exc))
    return out


def format_exception(exc, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    if value is not _sentinel:
        exc = value
    if exc is None:
        return ['NoneType: None\n']
    if not chain or not isinstance(exc, BaseException):
        return _format_one(exc, limit)
    out = []
    for e, link in _chain(exc):
        out.extend(_format_one(e, limit))
        if link:
            out.append(link)
    return out


def _write(file, text):
    # print() for the default stream, so that contextlib.redirect_stderr sees it
    if file is None:
        print(text, end='', file=sys.stderr)
    else:
        file.write(text)


def print_exception(exc, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    _write(file, ''.join(format_exception(exc, value, tb, limit=limit, chain=chain)))


def _current():
    info = getattr(sys, 'exc_info', None)
    if info is None:
        return _sentinel
    return info()[1]


def format_exc(limit=None, chain=True):
    exc = _current()
    if exc is _sentinel:
        return _NO_CURRENT
    return ''.join(format_exception(exc, limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    _write(file, format_exc(limit, chain))


def print_last(limit=None, file=None, chain=True):
    exc = getattr(sys, 'last_value', None)
    if exc is None:
        raise ValueError('no last exception')
    print_exception(exc, limit=limit, file=file, chain=chain)


def extract_tb(tb, limit=None):
    return StackSummary.from_list(_limited(_frames(tb), limit))


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def format_tb(tb, limit=None):
    return extract_tb(tb, limit).format()


def print_tb(tb, limit=None, file=None):
    _write(file, ''.join(format_tb(tb, limit)))


def extract_stack(f=None, limit=None):
    return StackSummary()


def format_stack(f=None, limit=None):
    return []


def print_stack(f=None, limit=None, file=None):
    pass


def walk_tb(tb):
    return iter(())


def walk_stack(f):
    return iter(())


def clear_frames(tb):
    pass


class TracebackException:
    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15,
                 max_group_depth=10, _seen=None):
        self.exc_type = exc_type
        self._exc = exc_value
        self._limit = limit
        self.stack = StackSummary.from_list(_limited(_frames(exc_value), limit))
        self.__cause__ = self.__context__ = None
        self.__suppress_context__ = getattr(exc_value, '__suppress_context__', False)
        self.__notes__ = None
        if exc_value is not None and issubclass(exc_type, SyntaxError):
            args = exc_value.args
            self.msg = args[0] if args else None
            self.filename = self.lineno = self.text = self.offset = None
        if _seen is not None:
            return  # a link of a chain: the first object fills the chain in
        # The chain, each exception once however the links were set by hand
        # (they may loop, or a cause and a context may lead to the same
        # exception), without recursion: one object per exception.
        seen = {id(exc_value)}
        todo = [self]
        while todo:
            te = todo.pop()
            for attr in ('__cause__', '__context__'):
                e = getattr(te._exc, attr, None)
                if e is None or id(e) in seen:
                    continue
                seen.add(id(e))
                link = TracebackException(type(e), e, None, limit=limit, _seen=seen)
                setattr(te, attr, link)
                todo.append(link)

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, None, *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.exc_type is other.exc_type and str(self) == str(other) \
                and self.stack == other.stack
        return NotImplemented

    def __str__(self):
        return _exc_str(self._exc) if self._exc is not None else ''

    def format_exception_only(self):
        for line in format_exception_only(self._exc if self._exc is not None else self.exc_type):
            yield line

    def format(self, *, chain=True):
        if chain and self._exc is not None:
            for line in format_exception(self._exc, limit=self._limit):
                yield line
            return
        if self.stack:
            yield 'Traceback (most recent call last):\n'
            for line in self.stack.format():
                yield line
        for line in self.format_exception_only():
            yield line

    def print(self, *, file=None, chain=True):
        _write(file, ''.join(self.format(chain=chain)))
