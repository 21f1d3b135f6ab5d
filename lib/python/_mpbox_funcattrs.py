# The attributes CPython's functions have and MicroPython's lack:
# __defaults__, __kwdefaults__, __closure__ (cells with cell_contents),
# __module__, __qualname__ and __annotations__; and a class's __qualname__
# and __annotations__. guest/compat's attribute door calls the getters that
# lib/python/_mpbox_types.py registers for the function, closure,
# generator-function, bound-method, cell and type objects; they import this
# module at the first read, so a program that reads none of these pays
# nothing.
#
# Defaults and cells are read from the function object in guest memory
# (MicroPython 1.27, py/objfun.h and py/bc.h): a bytecode function is
# {type, context, child_table, bytecode, extra_args[]}, extra_args holding
# the positional defaults, then the dict of keyword-only defaults when the
# scope flag DEFKWARGS is set; a closure is {type, function, n_closed,
# cells[]}, a cell {type, value}. The bytecode starts with the signature
# (scope flags and the counts of positional, keyword-only and default
# parameters, bit-interleaved), the sizes of the prelude, the names, then
# the line-number table: its first line is the first line of the body.
#
# MicroPython's compiler drops qualified names and annotations: they come
# from the source (the program's text during a run, a module's file,
# lib/python/_classbody.py), from the def whose body holds that line.
# Written for mpbox.
import sys
import uctypes
import _classbody

# what a getter returns to answer nothing (lib/python/_mpbox_types.py)
NOTHING = object()
# scope flags (py/runtime0.h)
_DEFKWARGS = 0x08


def _word(a):
    return int.from_bytes(uctypes.bytearray_at(a, 4), 'little')


def _object(word):
    # the object a word of a live object holds (a pointer or an immediate):
    # stored in a new list's slot and read back
    box = [None]
    uctypes.bytearray_at(_word(id(box) + 12), 4)[:] = word.to_bytes(4, 'little')
    return box[0]


def _gen():
    yield


def _sample_closure():
    v = 0

    def inner():
        return v
    return inner


_FUN, _GEN, _CLOSURE = type(_word), type(_gen), type(_sample_closure())
_BYTECODE = (id(_FUN), id(_GEN))


def _parts(f):
    # (address of the bytecode function, address of the closure or 0)
    t = type(f)
    if t is _CLOSURE:
        fun = _word(id(f) + 4)
        if _word(fun) in _BYTECODE:
            return fun, id(f)
    elif t is _FUN or t is _GEN:
        return id(f), 0
    raise AttributeError("'%s' object has no attribute" % t.__name__)


def _code_of(fun):
    """(bytecode, the module's table of names) of the bytecode function at
    address fun: {type, context, child_table, bytecode}, the context being
    {module {type, globals}, names (u16 each), objects}."""
    return _word(fun + 12), _word(_word(fun + 4) + 8)


def _signature(fun):
    """(scope flags, positional, keyword-only, defaults, first line of the
    body, the parameters' names) of the bytecode function at address fun;
    the names are qstrs' numbers."""
    return _signature_at(*_code_of(fun))[:6]


def _signature_at(ip, table):
    """_signature's facts, then the function's own name, of the bytecode
    at address ip whose module's names are at address table."""
    b = uctypes.bytearray_at(ip, 16)
    z = b[0]
    i = 1
    flags = 0
    n_pos = z & 3
    n_kwonly = n_def = 0
    n = 0
    while z & 0x80:  # xFSSKAED
        z = b[i]
        i += 1
        flags |= ((z >> 6) & 1) << n
        n_pos |= (z & 4) << n
        n_kwonly |= ((z >> 3) & 1) << n
        n_def |= (z & 1) << n
        n += 1
    n_info = 0
    shift = 0
    while True:  # xIIIIIIC: the size of the source-info section
        z = b[i]
        i += 1
        n_info |= ((z & 0x7e) >> 1) << shift
        shift += 6
        if not z & 0x80:
            break
    info = uctypes.bytearray_at(ip + i, n_info)
    j = 0
    names = []
    for _ in range(1 + n_pos + n_kwonly):  # the function's name, then the parameters'
        k = 0
        while True:  # an index into the module's names, 7 bits a byte, high first
            c = info[j]
            j += 1
            k = (k << 7) | (c & 0x7f)
            if not c & 0x80:
                break
        names.append(int.from_bytes(uctypes.bytearray_at(table + 2 * k, 2), 'little'))
    name = names.pop(0)
    line = 1
    seen = False
    while j < n_info:  # (bytes, lines) increments: the first lines reached
        c = info[j]
        if c & 0x80:
            step, more = c & 0xf, ((c << 4) & 0x700) | info[j + 1]
            j += 2
        else:
            step, more = c & 0x1f, c >> 5
            j += 1
        if seen and step:
            break
        line += more
        seen = seen or more > 0
    return flags, n_pos, n_kwonly, n_def, line, names, name


# MicroPython passes a closure's cells to its function as its first
# parameters, named '*' (py/emitbc.c): the name's number, from a closure
# of this module. The closure is held in a name while its memory is read:
# an address does not keep an object alive, and a collection during
# _signature would reuse a temporary closure's memory (and its function's).
_sample = _sample_closure()
_STAR = _signature(_word(id(_sample) + 4))[5][0]
del _sample


def defaults(f):
    fun, _ = _parts(f)
    n_def = _signature(fun)[3]
    if not n_def:
        return None
    return tuple([_object(_word(fun + 16 + 4 * i)) for i in range(n_def)])


def kwdefaults(f):
    fun, _ = _parts(f)
    flags, _, _, n_def, _, _ = _signature(fun)
    return _object(_word(fun + 16 + 4 * n_def)) if flags & _DEFKWARGS else None


def closure(f):
    fun, c = _parts(f)
    if not c:
        # a closure forwards f.__closure__ to its function first (py/
        # objclosure.c): answering nothing lets the closure answer
        return NOTHING if _signature(fun)[5][:1] == [_STAR] else None
    return tuple([_object(_word(c + 12 + 4 * i)) for i in range(_word(c + 8))])


def cell_contents(cell):
    w = _word(id(cell) + 4)
    if not w:
        raise ValueError('Cell is empty')
    return _object(w)


# ---- from the source ---------------------------------------------------------
_indexes = {}    # module name -> ((len, hash) of its source, index)
_qualnames = {}  # function or class -> its __qualname__
_annotations = {}  # function or class -> its __annotations__ (one dict, as CPython)


def _index(modname):
    """(defs, lambdas, postponed, classes) of the module's source: defs
    and classes [(name, first line, last line of the body, qualified name,
    header text, async)], lambdas [(first line, last line, qualified-name
    prefix)]; None without a source."""
    src = _classbody._source(modname)
    if not src:
        return None
    mark = (len(src), hash(src))  # not the text: the cache outlives runs
    cached = _indexes.get(modname)
    if cached is not None and cached[0] == mark:
        return cached[1]
    defs = []
    classes = []
    lambdas = []
    open_ = []  # [indent, prefix for what it holds, record or None]
    last = 0
    for indent, text, first, end in _classbody._logical(src, 0):
        while open_ and open_[-1][0] >= indent:
            rec = open_.pop()[2]
            if rec is not None:
                rec[2] = last
        prefix = open_[-1][1] if open_ else ''
        last = end
        word = text[:6]
        asynchronous = word == 'async '
        if asynchronous:
            text = text[6:].lstrip()
            word = text[:6]
        if word == 'class ' or text[:4] == 'def ':
            kind = 'class' if word == 'class ' else 'def'
            rest = text[len(kind) + 1:].lstrip()
            name = rest[:_classbody._ident_end(rest)]
            rec = [name, first, end, prefix + name, text, asynchronous]
            (defs if kind == 'def' else classes).append(rec)
            inner = prefix + name + ('.<locals>.' if kind == 'def' else '.')
            if 'lambda' in text:
                colon = _header_end(text)
                if colon >= 0 and 'lambda' in text[colon:]:
                    lambdas.append((first, end, inner))
                if 'lambda' in text[:max(colon, 0)]:  # in a default value
                    lambdas.append((first, end, prefix))
            open_.append([indent, inner, rec])
        elif 'lambda' in text:
            lambdas.append((first, end, prefix))
    for entry in open_:
        if entry[2] is not None:
            entry[2][2] = last
    index = (defs, lambdas, _classbody._postponed(src), classes)
    _indexes[modname] = (mark, index)
    return index


def _close_paren(s, i):
    # the index of the ')' that closes the '(' before index i, or -1
    k = _classbody._split_top(s[i:], ')')
    return i + k if k >= 0 else -1


def _header_end(text):
    # the index of the ':' that ends a def or class header, or -1
    i = text.find('(')
    k = text.find(':')
    if 0 <= i < k or (i >= 0 and k < 0):
        i = _close_paren(text, i + 1)
        if i < 0:
            return -1
        k = _classbody._split_top(text[i:], ':')
        return i + k if k >= 0 else -1
    return k


def _find(f):
    # the index's record of the def of f, or the prefix of a lambda's
    # qualified name; None when the source has no such function there
    g = f.__globals__
    index = _index(g.get('__name__') or '__main__')
    if index is None:
        return None, None
    fun, _ = _parts(f)
    line = _signature(fun)[4]
    name = f.__name__
    best = None
    if name == '<lambda>':
        for first, last, prefix in index[1]:
            if first <= line <= last:
                best = prefix
        return best, index
    for rec in index[0]:
        if rec[0] == name and rec[1] <= line <= rec[2]:
            best = rec  # the innermost: defs come in source order
    return best, index


def qualname(f):
    try:
        return _qualnames[f]
    except KeyError:
        pass
    rec, _ = _find(f)
    if rec is None:
        q = f.__name__
    elif type(rec) is str:
        q = rec + '<lambda>'
    else:
        q = rec[3]
    _qualnames[f] = q
    return q


def _parameters(header):
    """[(stars, name, annotation text or None)] of a def header ('/' and a
    bare '*' as (mark, '', None)), then ('', 'return', text) for '->'."""
    i = header.find('(')
    j = _close_paren(header, i + 1) if i >= 0 else -1
    if j < 0:
        return []
    params = header[i + 1:j]
    out = []
    while params.strip():
        k = _classbody._split_top(params, ',')
        p = (params if k < 0 else params[:k]).strip()
        params = '' if k < 0 else params[k + 1:]
        e = _classbody._split_top(p, '=')
        if e >= 0:
            p = p[:e]
        c = _classbody._split_top(p, ':')
        name = (p if c < 0 else p[:c]).strip()
        stars = name[:len(name) - len(name.lstrip('*/'))]
        name = name[len(stars):].strip()
        if name or stars:
            out.append((stars, name, p[c + 1:].strip() if c >= 0 else None))
    rest = header[j + 1:].lstrip()
    if rest.startswith('->'):
        rest = rest[2:]
        k = _classbody._split_top(rest, ':')
        out.append(('', 'return', (rest if k < 0 else rest[:k]).strip()))
    return out


def _evaluate(text, g, postponed):
    if postponed:
        if text[0] in '"\'':  # a string stays one, written as repr() writes it
            try:
                v = eval(text, {})
                if type(v) is str:
                    return repr(v)
            except Exception:
                pass
        return text
    try:
        return eval(text, g)
    except Exception:  # a name of an enclosing function's: kept as written
        return text


def annotations(f):
    try:
        return _annotations[f]
    except KeyError:
        pass
    out = {}
    if f.__name__ != '<lambda>':
        rec, index = _find(f)
        if rec is not None:
            g = f.__globals__
            for _, name, text in _parameters(rec[4]):
                if text:
                    out[name] = _evaluate(text, g, index[2])
    _annotations[f] = out
    return out


def class_qualname(cls):
    # a class with a __module__ (lib/python/_mpbox_types.py answers the others)
    try:
        return _qualnames[cls]
    except KeyError:
        pass
    q = _classbody.qualname(cls)
    _qualnames[cls] = q
    return q


def _module_globals(modname):
    m = sys.modules.get(modname)
    if m is None and modname == '__main__':
        import __main__ as m
    return getattr(m, '__dict__', {})


def class_annotations(cls):
    try:
        return _annotations[cls]
    except KeyError:
        pass
    modname = cls.__dict__.get('__module__')
    out = {}
    g = None
    postponed = _classbody.postponed_annotations(modname)
    for name, text, _ in _classbody.class_body(cls) or ():
        if text:
            if g is None:
                g = _module_globals(modname)
            out[name] = _evaluate(text, g, postponed)
    _annotations[cls] = out
    return out


# ---- parameters, for lib/python/inspect.py -----------------------------------
POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD = range(5)
EMPTY = NOTHING
_VARARGS, _VARKEYWORDS = 0x04, 0x02


def _name(q):
    return _object(q << 3 | 2)  # an interned name as an object


def parameters(f):
    """[(name, kind, default, annotation)] of a function defined in Python
    (EMPTY for no default or annotation), its return annotation last as
    ('return', None, EMPTY, annotation): names and defaults from the
    function object, annotations, '/' and the names of *args and **kwargs
    from the source (without it: 'args' and 'kwargs')."""
    fun, _ = _parts(f)
    flags, n_pos, n_kwonly, n_def, _, names = _signature(fun)
    free = 0
    while free < n_pos and names[free] == _STAR:
        free += 1
    pos = [_name(q) for q in names[free:n_pos]]
    kwonly = [_name(q) for q in names[n_pos:]]
    star = 'args' if flags & _VARARGS else None
    starstar = 'kwargs' if flags & _VARKEYWORDS else None
    slash = 0
    if f.__name__ != '<lambda>':
        rec, _ = _find(f)
        if rec is not None:
            plain = []
            for stars, name, _ in _parameters(rec[4]):
                if stars == '/':
                    slash = len(plain)
                elif stars == '*' and name:
                    star = name
                elif stars == '**':
                    starstar = name
                elif not stars and name != 'return':
                    plain.append(name)
            # MicroPython lists the keyword-only parameters with a default first
            if sorted(kwonly) == sorted(plain[len(pos):]):
                kwonly = plain[len(pos):]
    anns = annotations(f)
    defaults = [_object(_word(fun + 16 + 4 * i)) for i in range(n_def)]
    kwdefaults = _object(_word(fun + 16 + 4 * n_def)) if flags & _DEFKWARGS else {}
    out = []
    for i, name in enumerate(pos):
        d = len(pos) - i
        out.append((name, POSITIONAL_ONLY if i < slash else POSITIONAL_OR_KEYWORD,
                    defaults[n_def - d] if d <= n_def else EMPTY, anns.get(name, EMPTY)))
    if star:
        out.append((star, VAR_POSITIONAL, EMPTY, anns.get(star, EMPTY)))
    for name in kwonly:
        out.append((name, KEYWORD_ONLY, kwdefaults.get(name, EMPTY), anns.get(name, EMPTY)))
    if starstar:
        out.append((starstar, VAR_KEYWORD, EMPTY, anns.get(starstar, EMPTY)))
    out.append(('return', None, EMPTY, anns.get('return', EMPTY)))
    return out


def is_generator_function(f):
    # async def too: MicroPython runs coroutines as generators
    fun, _ = _parts(f)
    return _word(fun) == id(_GEN)


def is_async(f):
    rec, _ = _find(f)
    return type(rec) is list and rec[5]


def source_lines(obj):
    """(lines, first line number) of the def or class statement of obj
    with its decorators, from its module's source; None when not found."""
    if isinstance(obj, type):
        modname = obj.__dict__.get('__module__') or '__main__'
        index = _index(modname)
        if index is None:
            return None
        want = class_qualname(obj)
        rec = None
        for r in index[3]:
            if r[3] == want:
                rec = r
                break
    else:
        rec, index = _find(obj)
        if type(rec) is str:
            rec = None
        modname = obj.__globals__.get('__name__') or '__main__'
    if rec is None:
        return None
    lines = _classbody._source(modname).split('\n')
    first = rec[1]
    while first > 1 and lines[first - 2].lstrip().startswith('@'):
        first -= 1
    return [line + '\n' for line in lines[first - 1:rec[2]]], first
