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


def _skip_uint(b, i):
    # past a variable-length unsigned integer (7 bits a byte, high bit: more)
    while b[i] & 0x80:
        i += 1
    return i + 1


def _signature(fun):
    """(scope flags, positional, keyword-only, defaults, first line of the
    body, the first parameter's name or None) of the bytecode function at
    address fun; the name is a qstr's number."""
    ip = _word(fun + 12)
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
    j = _skip_uint(info, 0)  # the function's name, then the parameters'
    first = None
    if n_pos:
        k = 0
        while True:  # an index into the module's names, 7 bits a byte, high first
            k = (k << 7) | (info[j] & 0x7f)
            if not info[j] & 0x80:
                break
            j += 1
        # context {module {type, globals}, names (u16 each), objects}
        first = int.from_bytes(uctypes.bytearray_at(_word(_word(fun + 4) + 8) + 2 * k, 2), 'little')
    for _ in range(n_pos + n_kwonly):
        j = _skip_uint(info, j)
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
    return flags, n_pos, n_kwonly, n_def, line, first


# MicroPython passes a closure's cells to its function as its first
# parameters, named '*' (py/emitbc.c): the name's number, from a closure
# of this module
_STAR = _signature(_word(id(_sample_closure()) + 4))[5]


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
        return NOTHING if _signature(fun)[5] == _STAR else None
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
    """(defs, lambdas, postponed) of the module's source: defs [(name,
    first line, last line of the body, qualified name, header text)],
    lambdas [(first line, last line, qualified-name prefix)]; None without
    a source."""
    src = _classbody._source(modname)
    if not src:
        return None
    mark = (len(src), hash(src))  # not the text: the cache outlives runs
    cached = _indexes.get(modname)
    if cached is not None and cached[0] == mark:
        return cached[1]
    defs = []
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
        if word == 'async ':
            text = text[6:].lstrip()
            word = text[:6]
        if word == 'class ' or text[:4] == 'def ':
            kind = 'class' if word == 'class ' else 'def'
            rest = text[len(kind) + 1:].lstrip()
            name = rest[:_classbody._ident_end(rest)]
            rec = None
            if kind == 'def':
                rec = [name, first, end, prefix + name, text]
                defs.append(rec)
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
    index = (defs, lambdas, _classbody._postponed(src))
    _indexes[modname] = (mark, index)
    return index


def _close_paren(s, i):
    # the index of the ')' that closes the '(' before index i, or -1
    depth = 0
    quote = None
    n = len(s)
    while i < n:
        c = s[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c == '"' or c == "'":
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


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
    # [(name, annotation text or None)] of a def header, then ('return', text)
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
        name = (p if c < 0 else p[:c]).strip().lstrip('*').strip()
        if name and name != '/':
            out.append((name, p[c + 1:].strip() if c >= 0 else None))
    rest = header[j + 1:].lstrip()
    if rest.startswith('->'):
        rest = rest[2:]
        k = _classbody._split_top(rest, ':')
        out.append(('return', (rest if k < 0 else rest[:k]).strip()))
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
            for name, text in _parameters(rec[4]):
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
