# timeit for mpbox, written from the CPython 3.11 documentation: Timer
# with stmt and setup given as source text (one or more lines) or as
# callables, globals=, timeit(), repeat(), autorange(); the module's
# timeit() and repeat(); default_timer (time.perf_counter, the host's
# clock: under --deterministic, the virtual clock). As in CPython, a
# statement given as text sees the names of setup and of globals=, not
# those of the calling program. The garbage collector is not switched off
# while timing (MicroPython's cannot grow the heap without it), and there
# is no print_exc() (no sys.exc_info()) nor command-line interface.
import time

__all__ = ['Timer', 'timeit', 'repeat', 'default_timer']

default_timer = time.perf_counter
default_number = 1000000
default_repeat = 5
dummy_src_name = '<timeit-src>'


def _indent(src, spaces):
    return src.replace('\n', '\n' + ' ' * spaces)


class Timer:
    """Times the execution of stmt after setup; either may be source text
    or a callable taking no argument."""

    def __init__(self, stmt='pass', setup='pass', timer=default_timer, globals=None):
        self.timer = timer
        local_ns = {}
        global_ns = _module_globals() if globals is None else globals
        if isinstance(setup, str):
            compile(setup, dummy_src_name, 'exec')  # a SyntaxError here names it
            setup_src = _indent(setup, 4)
        elif callable(setup):
            local_ns['_setup'] = setup
            setup_src = '_setup()'
        else:
            raise ValueError('setup is neither a string nor callable')
        if isinstance(stmt, str):
            compile(setup + '\n' + stmt if isinstance(setup, str) else stmt, dummy_src_name, 'exec')
            stmt_src = _indent(stmt, 8)
        elif callable(stmt):
            local_ns['_stmt'] = stmt
            stmt_src = '_stmt()'
        else:
            raise ValueError('stmt is neither a string nor callable')
        # one function: the setup, then the timed loop over the statement
        src = ('def inner(_it, _timer, _stmt=None, _setup=None):\n'
               '    ' + setup_src + '\n'
               '    _t0 = _timer()\n'
               '    for _i in _it:\n'
               '        ' + stmt_src + '\n'
               '        pass\n'
               '    _t1 = _timer()\n'
               '    return _t1 - _t0\n')
        self.src = src
        exec(compile(src, dummy_src_name, 'exec'), global_ns, local_ns)
        self._inner = local_ns['inner']
        self._stmt = local_ns.get('_stmt')
        self._setup = local_ns.get('_setup')

    def timeit(self, number=default_number):
        """Seconds taken by number runs of the statement (setup once)."""
        return self._inner(range(number), self.timer, self._stmt, self._setup)

    def repeat(self, repeat=default_repeat, number=default_number):
        """timeit(number) repeat times: a list of seconds."""
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        """The number of runs (1, 2, 5, 10, 20, 50, ...) that first takes at
        least 0.2 seconds, and the time it took: (number, seconds)."""
        i = 1
        while True:
            for j in (1, 2, 5):
                number = i * j
                taken = self.timeit(number)
                if callback:
                    callback(number, taken)
                if taken >= 0.2:
                    return (number, taken)
            i *= 10


def _module_globals():
    return globals()


def timeit(stmt='pass', setup='pass', timer=default_timer, number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).timeit(number)."""
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt='pass', setup='pass', timer=default_timer, repeat=default_repeat,
           number=default_number, globals=None):
    """Timer(stmt, setup, timer, globals).repeat(repeat, number)."""
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
