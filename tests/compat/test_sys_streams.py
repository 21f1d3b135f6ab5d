# sys.stdout / sys.stderr assigned by the program (io.StringIO, any object with
# write()), restored from a saved value or sys.__stdout__; print writes piece by
# piece as CPython does. Output must be identical under python3 and mpbox.
import io
import sys

old = sys.stdout
sys.stdout = io.StringIO()
print('captured', 1, sep='-')
print('more', end='!')
sys.stdout.write('written\n')
text = sys.stdout.getvalue()
sys.stdout = old
print(repr(text))

sys.stderr = sys.stdout
print('to stderr', file=sys.stderr)
sys.stderr = sys.__stderr__


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


c = Collector()
sys.stdout = c
print('a', 'b')
print()
sys.stdout = sys.__stdout__
print(c.parts)
buf = io.StringIO()
print('explicit', file=buf)
print(buf.getvalue().strip(), sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
from contextlib import redirect_stdout
out = io.StringIO()
with redirect_stdout(out):
    print('in redirect')
sys.stdout = io.StringIO()
print('after')
captured = sys.stdout.getvalue()
sys.stdout = sys.__stdout__
print(repr(out.getvalue()), repr(captured))
