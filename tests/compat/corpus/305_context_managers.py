"""Resource management with context managers: timers, transactions, suppress, ExitStack, redirect."""
import contextlib
import io
from typing import Dict, Iterator, List


class Transaction:
    def __init__(self, store: Dict[str, int]) -> None:
        self.store = store
        self.snapshot: Dict[str, int] = {}

    def __enter__(self) -> Dict[str, int]:
        self.snapshot = dict(self.store)
        print("  begin")
        return self.store

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            print("  commit")
            return False
        self.store.clear()
        self.store.update(self.snapshot)
        print(f"  rollback ({exc_type.__name__}: {exc})")
        return exc_type is KeyError


@contextlib.contextmanager
def tag(name: str, log: List[str]) -> Iterator[None]:
    log.append(f"<{name}>")
    try:
        yield
    except ValueError as e:
        log.append(f"!{e}")
        raise
    finally:
        log.append(f"</{name}>")


def transfer(store, src, dst, amount):
    if store[src] < amount:
        raise ValueError(f"insufficient funds in {src}")
    store[src] -= amount
    store[dst] += amount


def main():
    accounts = {"alice": 100, "bob": 50}
    for src, dst, amt in [("alice", "bob", 30), ("bob", "alice", 500), ("carol", "bob", 1)]:
        try:
            with Transaction(accounts) as store:
                transfer(store, src, dst, amt)
        except ValueError as e:
            print("  caller saw:", e)
        print(" ", accounts)
    log: List[str] = []
    with tag("html", log), tag("body", log):
        log.append("text")
    try:
        with tag("p", log):
            raise ValueError("bad markup")
    except ValueError:
        pass
    print("".join(log))
    with contextlib.suppress(ZeroDivisionError, KeyError):
        print("before")
        1 / 0
        print("never")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print("captured line 1")
        print("captured", 2, sep="|")
    print(repr(buf.getvalue()))
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(io.StringIO(f"file{i}")) for i in range(3)]
        stack.callback(print, "cleanup ran")
        print([f.read() for f in files])
    print(all(f.closed for f in files))

    class Resource:
        def __init__(self, n): self.n = n
        def close(self): print(f"closing resource {self.n}")
    with contextlib.closing(Resource(7)) as r:
        print("using", r.n)
    with contextlib.nullcontext(42) as v:
        print("nullcontext gave", v)
    cm = Transaction({"x": 1})
    with cm as s:
        s["x"] = 2
    print(cm.store, cm.snapshot)


if __name__ == "__main__":
    main()
