# sys.stdout / sys.stderr assigned by the program (lib/python/sys.py): the
# built-in module's streams cannot be replaced, so the first such
# assignment puts a print in front of the current one that writes to the
# object now named sys.stdout (or sys.stderr, for file=sys.stderr) when it
# is not the real stream, piece by piece as CPython's print writes.
# print(file=X) with another X, and the real streams, go on as before.
# Written for mpbox.
_printing = []


def _current_print():
    return print  # the name lookup sees an overridden builtins.print


def route(sys_object, real):
    if _printing:
        return
    import builtins
    previous = _current_print()
    real_out, real_err = real.stdout, real.stderr

    def print(*args, sep=' ', end='\n', file=None, flush=False):
        if file is None:
            file = sys_object.stdout
        if file is real_out or file is real_err:
            return previous(*args, sep=sep, end=end, file=file, flush=flush)
        if sep is None:
            sep = ' '
        if end is None:
            end = '\n'
        for i, a in enumerate(args):
            if i:
                file.write(sep)
            file.write(str(a))
        file.write(end)
        if flush and hasattr(file, 'flush'):
            file.flush()

    _printing.append(print)
    builtins.print = print
