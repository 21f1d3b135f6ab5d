"""Host functions: Python callables the guest calls, including hostile ones."""

import gc
import json
import threading
import weakref

import pytest

import mpbox


def test_arguments_and_results(session):
    seen = []

    def f(*args, **kwargs):
        seen.append((args, kwargs))
        return {"sum": sum(args), "keys": sorted(kwargs), "nested": [1.5, None, True, "é"]}

    session.register("f", f)
    r = session.run("r = f(1, 2, 3, b=2, a={'x': [1]})\nprint(r['sum'], r['keys'], r['nested'][:3], r['nested'][3])")
    assert r.stdout == "6 ['a', 'b'] [1.5, None, True] é\n", r
    assert seen == [((1, 2, 3), {"b": 2, "a": {"x": [1]}})]
    assert r.host_calls == 1 and r.host_ms >= 0
    assert session.run("from host import f\nprint(f()['sum'])").stdout == "0\n"


def test_host_functions_keyword_and_mapping():
    calls = []
    with mpbox.Session(host_functions={"g": lambda x: calls.append(x) or x * 2}) as s:
        assert s.run("print(g(21))").stdout == "42\n"
        assert set(s.host_functions) == {"g"}
        assert s.register("h", len) is len
        assert s.run("print(h([1, 2]))").stdout == "2\n"
    assert calls == [21]
    r = mpbox.run("print(k('abc'))", host_functions={"k": str.upper})
    assert r.stdout == "ABC\n"


def test_bad_registrations(session):
    with pytest.raises(TypeError):
        session.register("x", 42)
    with pytest.raises(ValueError):
        session.register("not-an-identifier", len)
    with pytest.raises(TypeError):
        mpbox.Session(host_functions=[("a", len)])
    with pytest.raises(TypeError):
        mpbox.Session(host_functions={1: len})


def test_exceptions_map_to_guest_types(session):
    class Custom(Exception):
        pass

    def raiser(kind):
        raise {
            "value": ValueError("bad value"),
            "key": KeyError("missing"),
            "fnf": FileNotFoundError("no file"),
            "json": json.JSONDecodeError("bad json", "", 0),
            "custom": Custom("mine"),
            "zero": ZeroDivisionError("zero"),
        }[kind]

    session.register("raiser", raiser)
    code = """
out = []
for kind in ['value', 'key', 'fnf', 'json', 'custom', 'zero']:
    try:
        raiser(kind)
    except Exception as e:
        out.append(type(e).__name__ + ':' + str(e))
print(out)
"""
    r = session.run(code)
    assert r.ok, r
    got = eval(r.stdout)
    assert got[0] == "ValueError:bad value"
    assert got[1].startswith("KeyError:")
    assert got[2] == "OSError:no file"
    assert got[3].startswith("ValueError:bad json")
    assert got[4] == "RuntimeError:Custom: mine"
    assert got[5] == "ZeroDivisionError:zero"


def test_hostile_exceptions(session):
    class BadStr(Exception):
        def __str__(self):
            raise RuntimeError("no str for you")

    class Weird(ValueError):
        pass

    kinds = {
        "badstr": BadStr(1, 2),
        "surrogate": ValueError("\ud800"),
        "nul": ValueError("a\0b"),
        "subclass": Weird("w"),
        "huge": ValueError("m" * 200_000),
    }

    def raiser(kind):
        raise kinds[kind]

    session.register("raiser", raiser)
    for kind in kinds:
        r = session.run(f"raiser({kind!r})")
        assert r.status == "error", (kind, r)
    assert session.run(f"raiser('subclass')").error_type == "ValueError"
    assert session.run("raiser('badstr')").error_type == "RuntimeError"
    assert session.run("print('alive')").stdout == "alive\n"


def test_uncaught_host_exception_comes_back_as_cause(session):
    err = ValueError("from the host")

    def f():
        raise err

    session.register("f", f)
    r = session.run("f()")
    assert r.error_type == "ValueError" and r.host_exception is err
    with pytest.raises(mpbox.GuestError) as info:
        r.raise_for_status()
    assert info.value.__cause__ is err
    # caught in the guest, then another error: no false cause
    r = session.run("try:\n    f()\nexcept ValueError:\n    pass\nraise TypeError('other')")
    with pytest.raises(mpbox.GuestError) as info:
        r.raise_for_status()
    assert info.value.__cause__ is None


def _nested(depth):
    v = 0
    for _ in range(depth):
        v = [v]
    return v


def test_non_json_returns(session):
    class Obj:
        pass

    returns = {
        "set": {1, 2},
        "obj": Obj(),
        "nan": float("nan"),
        "bytes": b"x",
        "badkey": {(1, 2): "a"},
        "surrogate": "\ud800",
        "deep": _nested(100),
        "hugeint": 10 ** 5000,
    }
    session.register("ret", lambda k: returns[k])
    for kind in returns:
        r = session.run(f"ret({kind!r})")
        assert r.status == "error", (kind, r)
        assert r.error_type in ("TypeError", "ValueError", "RuntimeError"), (kind, r)
    assert session.run("print(ret.__class__ is not None)").ok


def test_result_size_cap():
    with mpbox.Session(host_result_bytes=100, host_functions={"big": lambda: "x" * 1000}) as s:
        r = s.run("big()")
        assert r.error_type == "RuntimeError" and "too large" in r.error_message


def test_guest_side_argument_checks(session):
    called = []
    session.register("f", lambda *a: called.append(a))
    for arg in ("{1, 2}", "b'x'", "float('nan')", "{1: 2}"):
        r = session.run(f"f({arg})")
        assert r.error_type in ("TypeError", "ValueError"), (arg, r)
    assert called == []


def test_reentrant_call_into_same_session_is_refused(session):
    def reenter():
        session.run("pass")

    def reenter_files():
        return session.files()

    session.register("reenter", reenter)
    session.register("reenter_files", reenter_files)
    session.register("reenter_close", lambda: session.close())
    session.register("reenter_fork", lambda: session.fork() and None)
    for name in ("reenter", "reenter_files", "reenter_close", "reenter_fork"):
        r = session.run(f"{name}()")
        assert r.error_type == "RuntimeError" and "cannot call into the session" in r.error_message
    assert session.run("print('fine')").stdout == "fine\n"


def test_host_function_runs_another_session(session):
    other = mpbox.Session()
    other.run("y = 5")
    session.register("ask", lambda code: other.run(code).stdout)
    try:
        r = session.run("print(ask('print(y * 2)').strip())")
        assert r.stdout == "10\n", r
    finally:
        other.close()


def test_slow_host_function_and_timeout():
    gate = threading.Event()

    def slow():
        gate.wait(0.3)
        return "late"

    with mpbox.Session(timeout=0.05, host_functions={"slow": slow}) as s:
        r = s.run("x = slow()\nwhile True: pass")
        # The callback finishes; then the timeout stops the guest.
        assert r.status == "timeout" and r.host_calls == 1
        assert s.run("print('ok')").stdout == "ok\n"


def test_host_call_cap():
    with mpbox.Session(host_calls=5, host_functions={"n": lambda: 1}) as s:
        r = s.run("for i in range(10): n()")
        assert r.error_type == "RuntimeError" and "too many host function calls" in r.error_message
        assert r.host_calls == 5


def test_fork_keeps_functions_and_load_needs_them_again():
    log = []
    s = mpbox.Session(host_functions={"log": log.append})
    s.run("log('parent')")
    child = s.fork()
    s.close()  # the child must not depend on the parent's registrations
    gc.collect()
    assert child.run("log('child')").ok
    snap = child.save()
    child.close()
    loaded = mpbox.Session.load(snap)
    r = loaded.run("log('loaded')")
    assert r.error_type == "NameError"
    loaded.close()
    loaded = mpbox.Session.load(snap, host_functions={"log": log.append})
    assert loaded.run("log('again')").ok
    loaded.close()
    assert log == ["parent", "child", "again"]


def test_session_cycle_is_collected():
    s = mpbox.Session()
    s.register("me", lambda: repr(s))  # the function refers to its session
    ref = weakref.ref(s)
    del s
    gc.collect()
    assert ref() is None


def test_system_exit_in_host_function_propagates(session):
    def leave():
        raise SystemExit(4)

    session.register("leave", leave)
    with pytest.raises(SystemExit) as info:
        session.run("leave()\nwhile True: pass")
    assert info.value.code == 4
    assert session.run("print(1)").stdout == "1\n"
