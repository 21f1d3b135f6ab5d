# The start-up code: run once, in __main__, while the start-up image is built
# (core/startup.c), after the guest's own initialisation and the collection
# threshold. What it leaves behind is in every session; what it deletes is
# not. A failure here fails the image build. Not meant to be imported.
#
# - lib/python/_mpbox_types.py grafts CPython's missing methods into the
#   built-in types (str.ljust, int.bit_length, ...) and adds format(); it
#   checks the type objects' layout and raises when it does not match.
# - input() would block forever in this build (stdin is polled without
#   end): it reads end of file like a closed stdin.
# - vars(obj), which MicroPython lacks, is obj.__dict__ (without an
#   argument it says so: locals() is what there is); dir() is sorted.
# - __mpbox_single gives interactive runs their expression echo
#   (MPBOX_RUN_ECHO).
# - asyncio: this build schedules tasks with JavaScript's setTimeout and
#   has no asyncio.run(). The scheduling hook is replaced by one that
#   records when the queue wants to run next, and asyncio.run() drives the
#   queue until the main task ends, sleeping in short steps (so that a
#   timeout's KeyboardInterrupt gets through) while tasks wait. A queue
#   with nothing left to run and the main task unfinished would wait
#   forever: that raises RuntimeError instead.
import builtins, sys
sys.path[:] = ['', '/lib', '/usr/lib/mpbox', '.frozen']
import _mpbox_types
del _mpbox_types
def input(prompt=''):
    if prompt:
        print(prompt, end='')
    raise EOFError('EOF when reading a line')
builtins.input = input
def vars(*args):
    if len(args) != 1:
        if args:
            raise TypeError('vars expected at most 1 argument, got %d' % len(args))
        raise TypeError('vars() without an argument is not available in this sandbox: use locals()')
    try:
        return args[0].__dict__
    except AttributeError:
        raise TypeError('vars() argument must have __dict__ attribute') from None
builtins.vars = vars
del vars
def dir(*args, _dir=dir, _meta=('__annotations__', '__base__', '__bases__', '__mro__', '__name__',
                                 '__qualname__', '__subclasses__', 'mro')):
    # sorted, as CPython's; MicroPython lists names in its maps' order. Without
    # an argument MicroPython's reads the caller's locals, which a call of
    # this function leaves as they are. MicroPython's dir(cls) also lists
    # what cls.name finds on `type`; CPython's leaves the metaclass out.
    if len(args) > 1:
        raise TypeError('dir expected at most 1 argument, got %d' % len(args))
    names = _dir(*args)
    if args and isinstance(args[0], type):
        mro = args[0].__mro__
        names = [n for n in names if n not in _meta or any(n in c.__dict__ for c in mro)]
    return sorted(names)
builtins.dir = dir
del dir
def __mpbox_single(src):
    exec(compile(src, '<stdin>', 'single'), globals())
builtins.__mpbox_single = __mpbox_single
def __mpbox_asyncio():
    import asyncio, time
    core = asyncio.core
    due = [None]
    def schedule(dt):
        t = time.ticks_add(time.ticks_ms(), dt)
        if due[0] is None or time.ticks_diff(t, due[0]) < 0:
            due[0] = t
    core._schedule_run_iter = schedule
    asyncio.new_event_loop()
    def run(main):
        done = []
        task = core._promote_to_task(main)
        task.state = lambda t, er: done.append(er)
        while not done:
            at = due[0]
            if at is None:
                raise RuntimeError('asyncio.run: no task can make progress')
            due[0] = None
            while True:
                dt = time.ticks_diff(at, time.ticks_ms())
                if dt <= 0:
                    break
                time.sleep_ms(min(dt, 10))
            core._run_iter()
        if isinstance(done[0], StopIteration):
            return done[0].value
        raise done[0]
    asyncio.run = run
__mpbox_asyncio()
del input, __mpbox_single, __mpbox_asyncio, sys

# Host functions (core/hostfn.c) use the built-in C json module, reached past
# sys.path by lib/python/_builtin.py (lib/python/json.py and a guest's own
# /lib/json.py would otherwise answer `import json`); a `host` module in
# sys.modules, and __mpbox_bind(globals, names), which the host calls at the
# start of a run after registrations to make each name an attribute of
# `host` and a global of __main__. A wrapper checks its arguments (JSON
# types, no NaN/infinity, no cycles), sends {"args", "kwargs"} through the
# bridge js.mpbox_call and unpacks the envelope: [value], or {"type",
# "message"} raised as an allow-listed exception type (else RuntimeError);
# None means no memory for the answer. Wrappers are instances of a class,
# not closures: calling a closure with many cells got slower with every call
# made in a run (measured: 25 -> 100 us per call over 30000 calls; the class
# stays at ~14 us).
#
# __mpbox_last(src, off, line) for MPBOX_RUN_RETURN_VALUE: src (bytes) splits
# at off, the start of the last top-level statement (found by the host,
# core/run.c), on line `line` (0-based). When that tail compiles as an
# expression (padded with line continuations, so line numbers stay right),
# the head is executed and the tail evaluated in __main__; the value goes
# back as JSON through js.mpbox_internal("return", ...) (repr() as a JSON string
# when it is not JSON-serialisable). Otherwise src is executed whole.
def __mpbox_host():
    import sys, js
    from _builtin import builtin_module
    json = builtin_module('json')
    class HostFunction:
        def __init__(self, name):
            self.name = name
        def __repr__(self):
            return '<host function ' + self.name + '>'
        def check(self, v, path):
            t = type(v)
            if t in self.plain:
                return
            if t is float:
                if v - v != 0:
                    raise ValueError('Out of range float values are not JSON compliant')
                return
            if t is list or t is tuple or t is dict:
                i = id(v)
                if i in path:
                    raise ValueError('Circular reference detected')
                path.add(i)
                if t is dict:
                    for k, x in v.items():
                        if type(k) is not str:
                            raise TypeError('keys must be str, not ' + type(k).__name__)
                        self.check(x, path)
                else:
                    for x in v:
                        self.check(x, path)
                path.remove(i)
                return
            raise TypeError('Object of type ' + t.__name__ + ' is not JSON serializable')
        def __call__(self, *args, **kwargs):
            plain = self.plain
            try:
                for x in args:
                    if type(x) not in plain:
                        self.check(x, set())
                for x in kwargs.values():
                    if type(x) not in plain:
                        self.check(x, set())
            except RuntimeError:
                raise ValueError('host function arguments nested too deeply') from None
            r = self.call(self.name, self.dumps({'args': args, 'kwargs': kwargs}))
            if type(r) is not str:
                raise MemoryError('no memory for the host function result')
            r = self.loads(r)
            if type(r) is list:
                return r[0]
            e = self.errs.get(r['type'])
            if e is None:
                raise RuntimeError(r['type'] + ': ' + r['message'])
            raise e(r['message'])
    HostFunction.call = js.mpbox_call
    HostFunction.dumps = json.dumps
    HostFunction.loads = json.loads
    HostFunction.plain = (type(None), bool, int, str)
    HostFunction.errs = errs = {}
    for e in (ValueError, TypeError, KeyError, IndexError, LookupError, RuntimeError, NameError,
              AttributeError, NotImplementedError, OSError, OverflowError, ZeroDivisionError,
              ArithmeticError, AssertionError, EOFError, ImportError, UnicodeError, Exception):
        errs[e.__name__] = e
    class HostModule:
        pass
    mod = HostModule()
    def bind(g, names):
        for n in names:
            f = HostFunction(n)
            setattr(mod, n, f)
            g[n] = f
    sys.modules['host'] = mod
    ret = HostFunction('return')
    internal = js.mpbox_internal
    def __mpbox_last(src, off, line):
        g = globals()
        try:
            c = compile('\\\n' * line + src[off:].decode(), '<stdin>', 'eval')
        except SyntaxError:
            c = None
        if c is None:  # not in the except block: the program's errors are its own
            exec(compile(src.decode(), '<stdin>', 'exec'), g)
            return
        exec(compile(src[:off].decode(), '<stdin>', 'exec'), g)
        v = eval(c, g)
        try:
            if type(v) not in ret.plain:
                ret.check(v, set())
            j = json.dumps(v)
        except Exception:
            j = json.dumps(repr(v))
        internal('return', j)
    builtins.__mpbox_last = __mpbox_last
    builtins.__mpbox_bind = bind
__mpbox_host()
del __mpbox_host, builtins

# Modules of the embedded library named in its _preload.txt (one per line,
# "#" comments) are loaded and left in sys.modules, so that every session
# starts with them. A name that a plain import finds in the library is simply
# imported. A name that a plain import answers with a built-in C module
# (those that the file system cannot shadow, such as math) is loaded by hand:
# a fresh module object (this build cannot make one but by importing a file:
# the library's empty _mpbox_module.py, whose stat data are constant, so the
# image stays the same from run to run), renamed, and the library file
# executed in it, so that `import math` inside that file still reaches the C
# module (a file that defines _mpbox_replace puts that object in sys.modules
# instead: lib/python/sys.py, since the built-in sys takes no new
# attributes). A module that fails to load is left out
# (tests/unit/test_lib.c checks that every listed module is there).
def __mpbox_preload():
    import sys
    root = '/usr/lib/mpbox/'
    try:
        with open(root + '_preload.txt') as f:
            lines = f.read().split('\n')
    except OSError:
        return
    path = sys.path[:]
    for line in lines:
        name = line.split('#')[0].strip()
        if not name:
            continue
        try:
            m = __import__(name)
            if getattr(m, '__file__', '').startswith(root):
                continue
            file = root + name + '.py'
            with open(file) as f:
                code = compile(f.read(), file, 'exec')
            sys.path[:] = [root]
            m = __import__('_mpbox_module')
            sys.path[:] = path
            del sys.modules['_mpbox_module']
            g = m.__dict__
            g['__name__'] = name
            g['__file__'] = file
            exec(code, g)
            sys.modules[name] = g.get('_mpbox_replace', m)
        except Exception:
            sys.path[:] = path
__mpbox_preload()
del __mpbox_preload
