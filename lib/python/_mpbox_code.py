# The co_* attributes of code objects (f.__code__.co_varnames, co_argcount,
# co_freevars ...), which MicroPython's code objects lack. guest/compat's
# attribute door calls the getters lib/python/_mpbox_types.py registers for
# the code type; they import this module at the first read.
#
# A code object is {type, the module's names (u16 each), the module's
# objects, bytecode} in guest memory (MicroPython 1.27, py/objcode.h, the
# BASIC level). Its bytecode gives the name, the parameters and their
# counts, the scope flags and the first line of the body
# (lib/python/_mpbox_funcattrs.py reads them). The bytecode does not name
# local variables, so co_varnames past the parameters, co_cellvars and
# co_freevars come from the source (the program's text, a module's file):
# parsed with lib/python/ast.py, each function's names are given scopes as
# CPython 3.11's symbol table gives them, and its locals are listed in the
# order CPython's compiler meets them. Without a source (code from exec()
# of a string, a module without a file) the parameters alone are answered.
# Written for mpbox.
import sys
import uctypes
import _mpbox_funcattrs as _fa
import _classbody
from _mpbox_types import _CODE_ATTRS  # the attributes answered here

# CPython's code flags
_OPTIMIZED, _NEWLOCALS, _VARARGS, _VARKEYWORDS, _NESTED = 0x1, 0x2, 0x4, 0x8, 0x10
_GENERATOR, _COROUTINE, _ASYNC_GENERATOR = 0x20, 0x80, 0x200
# MicroPython's scope flags (py/runtime0.h); a raw code's kind (py/emitglue.h)
_MP_GENERATOR, _MP_VARKEYWORDS, _MP_VARARGS = 0x01, 0x02, 0x04
_MP_CODE_BYTECODE = 2

_FUNCTION, _CLASS, _MODULE, _COMPREHENSION = 'function', 'class', 'module', 'comprehension'
_COMPREHENSION_NAMES = {'ListComp': '<listcomp>', 'SetComp': '<setcomp>', 'DictComp': '<dictcomp>',
                        'GeneratorExp': '<genexpr>'}


class _Scope:
    def __init__(self, kind, name, node, parent):
        self.kind = kind
        self.name = name
        self.node = node
        self.parent = parent
        self.params = []     # co_varnames' first names, in CPython's order
        self.bound = set()
        self.globals = set()
        self.nonlocals = set()
        self.order = []      # names as the compiler meets them
        self.seen = set()
        self.free = set()
        self.cells = set()
        self.is_async = False
        self.nested = parent is not None and (parent.kind in (_FUNCTION, _COMPREHENSION) or parent.nested)
        prefix = ''
        if parent is not None and parent.kind != _MODULE:
            prefix = parent.qualname + ('.<locals>.' if parent.kind != _CLASS else '.')
        self.qualname = prefix + name

    def meet(self, name):
        if name not in self.seen:
            self.seen.add(name)
            self.order.append(name)

    def is_local(self, name):
        return (name in self.bound or name in self.params) and name not in self.globals \
            and name not in self.nonlocals


class _Walker:
    """Walks a module's tree in the order CPython's compiler emits code,
    making a _Scope per function, lambda, class and comprehension."""

    def __init__(self):
        self.scopes = []

    def scope(self, kind, name, node, parent):
        s = _Scope(kind, name, node, parent)
        self.scopes.append(s)
        return s

    def name(self, s, ident, store):
        s.meet(ident)
        if store:
            s.bound.add(ident)

    def all(self, s, nodes):
        for n in nodes or ():
            if n is not None:
                self.visit(s, n)

    def function(self, s, node, name, body_is_expr):
        a = node.args
        self.all(s, a.defaults)
        self.all(s, [d for d in a.kw_defaults if d is not None])
        if not body_is_expr:
            for p in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
                if p is not None and p.annotation is not None:
                    self.visit(s, p.annotation)
            if node.returns is not None:
                self.visit(s, node.returns)
        f = self.scope(_FUNCTION, name, node, s)
        f.is_async = type(node).__name__ == 'AsyncFunctionDef'
        for p in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
            if p is not None:
                f.params.append(p.arg)
                f.seen.add(p.arg)
        if body_is_expr:
            self.visit(f, node.body)
        else:
            self.all(f, node.body)

    def comprehension(self, s, node, kind):
        gens = node.generators
        self.visit(s, gens[0].iter)  # the first iterable is evaluated outside
        c = self.scope(_COMPREHENSION, _COMPREHENSION_NAMES[kind], node, s)
        c.params.append('.0')
        for i, g in enumerate(gens):
            if i:
                self.visit(c, g.iter)
            self.visit(c, g.target)
            self.all(c, g.ifs)
        if kind == 'DictComp':
            self.visit(c, node.key)
            self.visit(c, node.value)
        else:
            self.visit(c, node.elt)

    def visit(self, s, node):
        kind = type(node).__name__
        if kind == 'Name':
            self.name(s, node.id, type(node.ctx).__name__ != 'Load')
        elif kind in ('FunctionDef', 'AsyncFunctionDef'):
            self.all(s, node.decorator_list)
            self.function(s, node, node.name, False)
            self.name(s, node.name, True)
        elif kind == 'Lambda':
            self.function(s, node, '<lambda>', True)
        elif kind == 'ClassDef':
            self.all(s, node.decorator_list)
            self.all(s, node.bases)
            self.all(s, node.keywords)
            c = self.scope(_CLASS, node.name, node, s)
            self.all(c, node.body)
            self.name(s, node.name, True)
        elif kind in _COMPREHENSION_NAMES:
            self.comprehension(s, node, kind)
        elif kind == 'NamedExpr':
            self.visit(s, node.value)
            target = s
            while target.kind == _COMPREHENSION:  # binds in the enclosing function
                target.meet(node.target.id)
                target.nonlocals.add(node.target.id)
                target = target.parent
            self.name(target, node.target.id, True)
        elif kind in ('Global', 'Nonlocal'):
            (s.globals if kind == 'Global' else s.nonlocals).update(node.names)
            for n in node.names:
                s.meet(n)
        elif kind == 'Assign':
            self.visit(s, node.value)
            self.all(s, node.targets)
        elif kind == 'AugAssign':
            self.visit(s, node.target)
            self.visit(s, node.value)
        elif kind == 'AnnAssign':
            if node.value is not None:
                self.visit(s, node.value)
            if s.kind != _FUNCTION or type(node.target).__name__ != 'Name':
                self.visit(s, node.annotation)
            self.visit(s, node.target)
        elif kind in ('For', 'AsyncFor'):
            self.visit(s, node.iter)
            self.visit(s, node.target)
            self.all(s, node.body)
            self.all(s, node.orelse)
        elif kind in ('Try', 'TryStar'):
            self.all(s, node.body)
            self.all(s, node.orelse)  # CPython compiles the else block before the handlers
            for h in node.handlers:
                if h.type is not None:
                    self.visit(s, h.type)
                if h.name:
                    self.name(s, h.name, True)
                self.all(s, h.body)
            self.all(s, node.finalbody)
        elif kind in ('Import', 'ImportFrom'):
            for a in node.names:
                if a.name != '*':
                    self.name(s, a.asname or a.name.split('.')[0], True)
        elif kind == 'Dict':
            for k, v in zip(node.keys, node.values):
                if k is not None:
                    self.visit(s, k)
                self.visit(s, v)
        else:
            import ast
            for child in ast.iter_child_nodes(node):
                self.visit(s, child)


def _resolve(scopes):
    # the free variables of each scope, and the cells they come from
    for s in scopes:
        if s.kind == _MODULE:
            continue
        wanted = [n for n in s.order if not s.is_local(n) and n not in s.globals]
        if s.kind == _FUNCTION and ('super' in s.seen or '__class__' in s.seen):
            wanted.append('__class__')  # the implicit cell of methods that use super()
        for name in wanted:
            path = []
            p = s.parent
            while p is not None and p.kind != _MODULE:
                if name == '__class__' and p.kind == _CLASS:
                    p.cells.add(name)
                    break
                if p.kind != _CLASS:
                    if name in p.globals:
                        p = None
                        break
                    if p.is_local(name):
                        p.cells.add(name)
                        break
                path.append(p)
                p = p.parent
            else:
                continue  # a global or a built-in
            if p is None:
                continue
            s.free.add(name)
            for q in path:
                q.free.add(name)


_trees = {}  # module name -> ((len, hash) of its source, its scopes)


def _scopes(modname):
    src = _classbody._source(modname)
    if not src:
        return None
    mark = (len(src), hash(src))
    cached = _trees.get(modname)
    if cached is not None and cached[0] == mark:
        return cached[1]
    import ast
    try:
        tree = ast.parse(src)
    except Exception:  # what lib/python/ast.py cannot parse (a match statement)
        scopes = None
    else:
        w = _Walker()
        top = w.scope(_MODULE, '<module>', tree, None)
        w.all(top, tree.body)
        _resolve(w.scopes)
        scopes = w.scopes
    _trees[modname] = (mark, scopes)
    return scopes


# ---- a code object's own facts -------------------------------------------------

def _facts(where):
    # (scope flags, positional, keyword-only, first body line, parameter
    # names, the function's name, the module's names' table) of the
    # bytecode at where = (address, the module's table of names)
    ip, table = where
    flags, n_pos, n_kwonly, _, line, names, name = _fa._signature_at(ip, table)
    free = 0
    while free < n_pos and names[free] == _fa._STAR:  # a closure's cells come first
        free += 1
    return (flags, n_pos - free, n_kwonly, line, [_fa._name(q) for q in names[free:]], _fa._name(name),
            table)


def _held_functions(values):
    for v in values:
        if type(v) is type:
            for w in v.__dict__.values():
                yield getattr(w, '__func__', w)
        else:
            yield v


def _module_of(table):
    # the module whose functions share the code's table of names
    import __main__
    mods = [('__main__', __main__)] + [(k, m) for k, m in sys.modules.items() if k != '__main__']
    for modname, m in mods:
        try:
            values = list(m.__dict__.values())
        except Exception:
            continue
        for f in _held_functions(values):
            try:
                fun, _ = _fa._parts(f)
            except Exception:
                continue
            if _fa._code_of(fun)[1] == table:
                return modname
    return None


def _scope_of(where):
    flags, n_pos, n_kwonly, line, params, name, table = _facts(where)
    modname = _module_of(table)
    scopes = _scopes(modname) if modname else None
    best = None
    for s in scopes or ():
        node = s.node
        if s.kind == _MODULE or s.name != name or not node.lineno <= line <= (node.end_lineno or node.lineno):
            continue
        if s.kind == _FUNCTION and sorted(s.params) != sorted(params + _star_names(s)):
            continue
        best = s  # scopes come in source order: the innermost last
    return best


def _is_module(where):
    # the code of a whole module (compile(), exec()): no function scope
    return _facts(where)[5] == '<module>'


def _star_names(s):
    a = s.node.args
    return [p.arg for p in (a.vararg, a.kwarg) if p is not None]


# ---- the attributes, of where = (bytecode address, table of names) ---------------

def co_name(where):
    return _facts(where)[5]


def co_qualname(where):
    s = _scope_of(where)
    return s.qualname if s is not None else co_name(where)


def co_filename(where):
    # the module's first name is its source file's
    return _fa._name(int.from_bytes(uctypes.bytearray_at(where[1], 2), 'little'))


def co_firstlineno(where):
    s = _scope_of(where)
    if s is None:
        return 1 if _is_module(where) else _facts(where)[3]
    node = s.node
    decorators = getattr(node, 'decorator_list', None)
    return decorators[0].lineno if decorators else node.lineno


def co_argcount(where):
    s = _scope_of(where)
    if s is not None and s.kind == _FUNCTION:
        a = s.node.args
        return len(a.posonlyargs) + len(a.args)
    return _facts(where)[1]


def co_posonlyargcount(where):
    s = _scope_of(where)
    return len(s.node.args.posonlyargs) if s is not None and s.kind == _FUNCTION else 0


def co_kwonlyargcount(where):
    return _facts(where)[2]


def co_varnames(where):
    s = _scope_of(where)
    if s is None:  # the parameters the bytecode names (not *args' and **kwargs')
        return tuple(_facts(where)[4]) if not _is_module(where) else ()
    names = list(s.params)
    for n in s.order:
        if n not in s.params and s.is_local(n) and n not in s.cells:
            names.append(n)
    return tuple(names)


def co_nlocals(where):
    return len(co_varnames(where))


def co_cellvars(where):
    s = _scope_of(where)
    return tuple(sorted(s.cells)) if s is not None else ()


def co_freevars(where):
    s = _scope_of(where)
    return tuple(sorted(s.free)) if s is not None else ()


def co_flags(where):
    if _is_module(where):
        return 0
    mp = _facts(where)[0]
    s = _scope_of(where)
    f = _OPTIMIZED | _NEWLOCALS
    if mp & _MP_VARARGS:
        f |= _VARARGS
    if mp & _MP_VARKEYWORDS:
        f |= _VARKEYWORDS
    if s is not None and s.nested:
        f |= _NESTED
    if s is not None and s.is_async:
        # MicroPython runs coroutines as generators: a yield in the body
        # makes an async generator
        f |= _ASYNC_GENERATOR if _has_yield(s.node) else _COROUTINE
    elif mp & _MP_GENERATOR:
        f |= _GENERATOR
    return f


def _has_yield(node):
    import ast
    todo = list(node.body)
    while todo:
        n = todo.pop()
        kind = type(n).__name__
        if kind in ('Yield', 'YieldFrom'):
            return True
        if kind in ('FunctionDef', 'AsyncFunctionDef', 'Lambda', 'ClassDef'):
            continue
        todo.extend(ast.iter_child_nodes(n))
    return False


def native(code):
    # where of one of MicroPython's code objects: {type, the module's
    # names, the module's objects, bytecode or a raw code}. compile() gives
    # a raw code (py/emitglue.h): its first two bytes are 0 (bytecode's
    # never both are), then its kind, and the bytecode's address at 4
    proto = _fa._word(id(code) + 12)
    if uctypes.bytearray_at(proto, 2) == b'\0\0':
        if uctypes.bytearray_at(proto + 2, 1)[0] != _MP_CODE_BYTECODE:
            raise AttributeError("'code' object has no attribute")
        proto = _fa._word(proto + 4)
    return proto, _fa._word(id(code) + 4)


class code:
    """f.__code__ of a function MicroPython gives none (one that holds
    other functions: their table is not in a code object of its own). It
    answers the co_* attributes; it cannot be run with exec()."""

    def __init__(self, f):
        fun, _ = _fa._parts(f)
        self._function = f  # keeps the bytecode alive
        self._where = _fa._code_of(fun)

    def __repr__(self):
        return '<code object %s at 0x%x, file "%s", line %d>' % (
            co_name(self._where), id(self), co_filename(self._where), co_firstlineno(self._where))


def _attribute(name):
    get = globals()[name]
    return property(lambda self: get(self._where))


for _n in _CODE_ATTRS:
    setattr(code, _n, _attribute(_n))
del _n
code.__module__ = 'builtins'
