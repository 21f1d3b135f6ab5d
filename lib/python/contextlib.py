# contextlib for mpbox: contextmanager, suppress, closing, nullcontext, chdir,
# redirect_stdout/redirect_stderr and ExitStack, written for MicroPython.
# sys.stdout cannot be reassigned here, so the redirections replace the
# built-in print while they are active: print() (and print(file=sys.stdout))
# goes to the target, but sys.stdout.write() still writes to the real stdout.
import sys

__all__ = ['contextmanager', 'closing', 'nullcontext', 'AbstractContextManager',
           'ContextDecorator', 'ExitStack', 'redirect_stdout', 'redirect_stderr',
           'suppress', 'chdir']


class AbstractContextManager:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator:
    def _recreate_cm(self):
        return self

    def __call__(self, func):
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class _GeneratorContextManager(ContextDecorator):
    def __init__(self, func, args, kwds):
        self.func, self.args, self.kwds = func, args, kwds
        self.gen = func(*args, **kwds)

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            return exc is not value
        except BaseException as exc:
            if exc is value:
                return False
            if isinstance(value, StopIteration) and isinstance(exc, RuntimeError):
                return False
            raise
        raise RuntimeError("generator didn't stop after throw()")


def contextmanager(func):
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    try:
        helper.__name__ = func.__name__
    except AttributeError:
        pass
    return helper


class closing(AbstractContextManager):
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class chdir(AbstractContextManager):
    def __init__(self, path):
        self.path = path
        self._old = []

    def __enter__(self):
        import os
        self._old.append(os.getcwd())
        os.chdir(self.path)

    def __exit__(self, *excinfo):
        import os
        os.chdir(self._old.pop())


def _current_print():
    # the name lookup sees an overridden builtins.print; reading the
    # attribute builtins.print would give the original one
    return print


class _Redirect(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._saved = []

    def __enter__(self):
        import builtins
        previous = _current_print()
        target = self._new_target
        default = self._stream == 'stdout'
        real = getattr(sys, self._stream)

        def print(*args, sep=' ', end='\n', file=None, flush=False):
            if (file is None and default) or file is real:
                if sep is None:
                    sep = ' '
                if end is None:
                    end = '\n'
                target.write(sep.join([str(a) for a in args]) + end)
                if flush and hasattr(target, 'flush'):
                    target.flush()
            elif file is None:
                previous(*args, sep=sep, end=end)
            else:
                previous(*args, sep=sep, end=end, file=file)

        self._saved.append(previous)
        builtins.print = print
        return target

    def __exit__(self, exctype, excinst, exctb):
        import builtins
        builtins.print = self._saved.pop()


class redirect_stdout(_Redirect):
    _stream = 'stdout'


class redirect_stderr(_Redirect):
    _stream = 'stderr'


class ExitStack:
    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        new = type(self)()
        new._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new

    def push(self, exit):
        cb = getattr(exit, '__exit__', None)
        if cb is None:
            self._exit_callbacks.append(exit)
        else:
            self._exit_callbacks.append(cb)
        return exit

    def enter_context(self, cm):
        enter = getattr(cm, '__enter__', None)
        exit = getattr(cm, '__exit__', None)
        if enter is None or exit is None:
            raise TypeError("'%s' object does not support the context manager protocol"
                            % type(cm).__name__)
        result = enter()
        self._exit_callbacks.append(exit)
        return result

    def callback(self, callback, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append(_exit_wrapper)
        return callback

    def close(self):
        self.__exit__(None, None, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received = exc_details[0] is not None
        pending = exc_details[1] if received else None
        if received and pending is None:
            pending = exc_details[0]()
        suppressed = False
        while self._exit_callbacks:
            cb = self._exit_callbacks.pop()
            details = (type(pending), pending, None) if pending is not None \
                else (None, None, None)
            try:
                if cb(*details):
                    suppressed = True
                    pending = None
            except BaseException as new_exc:
                pending = new_exc
                suppressed = False
        if pending is not None and pending is not exc_details[1]:
            raise pending
        return received and pending is None
