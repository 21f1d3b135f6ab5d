# contextlib: contextmanager, suppress, ExitStack, closing, redirect_stdout, nullcontext.
from contextlib import contextmanager, suppress, ExitStack, closing, redirect_stdout, nullcontext
import io


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("div") as t:
    print("content", t)
    with tag("p"):
        print("paragraph")

try:
    with tag("error"):
        raise RuntimeError("boom")
except RuntimeError as e:
    print("propagated:", e)

with suppress(KeyError, IndexError):
    {}["missing"]
    print("not reached")
print("suppress ok")


class Conn:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closing", self.name)


with closing(Conn("db")) as c:
    print("using", c.name)

with ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in ("a", "b")]
    stack.callback(print, "callback ran")
    print("entered", names)

buf = io.StringIO()
with redirect_stdout(buf):
    print("captured line")
    print(1, 2, 3)
print(repr(buf.getvalue()))

with nullcontext(42) as value:
    print("nullcontext gave", value)


@contextmanager
def transaction(log):
    log.append("begin")
    try:
        yield
        log.append("commit")
    except ValueError:
        log.append("rollback")


log = []
with transaction(log):
    pass
with transaction(log):
    raise ValueError
print(log)
