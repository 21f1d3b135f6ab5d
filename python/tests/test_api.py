"""mpbox.run, Session and Result: the API as documented in docs/python.md."""

import json
import os
import sqlite3
import threading

import pytest

import mpbox


def test_run_one_shot():
    r = mpbox.run("print(6 * 7)")
    assert r.ok and r.status == "ok"
    assert r.stdout == "42\n" and r.raw_stdout == b"42\n"
    assert r.stderr == "" and r.error_type is None and r.traceback is None
    assert r.session_state == "kept" and not r.session_lost
    assert r.wall_ms > 0 and r.peak_memory > 0


def test_one_shot_runs_share_nothing():
    mpbox.run("x = 1")
    r = mpbox.run("print(x)")
    assert r.status == "error" and r.error_type == "NameError"


def test_guest_exception_fields_and_repr():
    r = mpbox.run("def f():\n    raise ValueError('boom')\nf()")
    assert r.status == "error" and not r.ok
    assert (r.error_type, r.error_message) == ("ValueError", "boom")
    assert "line 2" in r.traceback and "ValueError: boom" in r.traceback
    text = repr(r)
    assert text.startswith("<mpbox.Result status=error") and "ValueError('boom')" in text


def test_raise_for_status_guest_error():
    r = mpbox.run("raise KeyError('k')")
    with pytest.raises(mpbox.GuestError) as info:
        r.raise_for_status()
    e = info.value
    assert isinstance(e, mpbox.RunError) and isinstance(e, mpbox.Error)
    assert e.result is r and e.type == "KeyError" and "KeyError" in str(e)
    assert mpbox.run("pass").raise_for_status().ok


def test_hint_for_known_difference():
    r = mpbox.run("__import__('os').system('ls')")
    assert r.error_type == "AttributeError"
    assert r.hint and "no processes" in r.hint
    with pytest.raises(mpbox.GuestError) as info:
        r.raise_for_status()
    assert info.value.hint == r.hint


def test_statuses_map_to_exceptions():
    cases = [
        (dict(code="while True: pass", timeout=0.05), "timeout", mpbox.RunTimeout),
        (dict(code="x = bytearray(64 * 1024 * 1024)", memory=32 * 1024 * 1024), "out_of_memory", mpbox.OutOfMemory),
        (dict(code="print('x' * 5000)", max_stdout=100, output_stop=True), "output_truncated", mpbox.OutputTruncated),
    ]
    if mpbox.has_fuel():
        cases.append((dict(code="while True: pass", fuel=100000), "out_of_fuel", mpbox.OutOfFuel))
    for kwargs, status, exc in cases:
        r = mpbox.run(kwargs.pop("code"), **kwargs)
        assert r.status == status, (kwargs, r)
        with pytest.raises(exc):
            r.raise_for_status()
    assert issubclass(mpbox.RunTimeout, TimeoutError)


def test_output_truncation_flag():
    r = mpbox.run("print('y' * 1000)", max_stdout=10)
    assert r.ok and r.stdout_truncated and r.stdout == "y" * 10
    assert r.stats["stdout_bytes"] == 1001


def test_exit_code():
    assert mpbox.run("import sys\nsys.exit(3)").exit_code == 3
    r = mpbox.run("import sys\nsys.exit(0)")
    assert r.ok and r.exit_code == 0
    assert mpbox.run("pass").exit_code is None


def test_return_value_and_echo():
    r = mpbox.run("x = 20\nx * 2 + 2", return_value=True)
    assert r.return_value == 42 and r.return_value_json == "42" and r.stdout == ""
    r = mpbox.run("{'a': [1, None]}", return_value=True)
    assert r.return_value == {"a": [1, None]}
    r = mpbox.run("None", return_value=True)
    assert r.return_value is None and r.return_value_json == "null"
    assert mpbox.run("x = 1", return_value=True).return_value_json is None
    assert mpbox.run("1 + 1", echo=True).stdout == "2\n"


def test_stats_and_json():
    r = mpbox.run("print('hi')")
    stats = r.stats
    assert set(stats) >= {"wall_ms", "cpu_ms", "fuel_used", "peak_memory_bytes", "stdout_bytes",
                          "stderr_bytes", "checkpoint_pages", "host_ms", "host_calls"}
    assert stats["stdout_bytes"] == 3
    d = json.loads(r.to_json())
    assert d == r.to_dict() and d["stdout"] == "hi\n" and d["status"] == "ok"
    assert r.fuel_used == stats["fuel_used"] and r.host_calls == 0


def test_invalid_utf8_output():
    r = mpbox.run("import sys\nsys.stdout.buffer.write(b'a\\xffb')")
    assert r.raw_stdout == b"a\xffb" and r.stdout == "a\ufffdb"


def test_session_state_persists(session):
    assert session.run("import math\nx = 41").ok
    assert session.run("print(x + 1, math.pi > 3)").stdout == "42 True\n"


def test_limits_keywords():
    s = mpbox.Session(memory=32 * 1024 * 1024, timeout=1.5, max_stdout=1000, deterministic=True, seed=7)
    try:
        lim = s.limits
        assert lim["memory"] == 32 * 1024 * 1024 and lim["timeout"] == 1.5 and lim["max_stdout"] == 1000
        assert lim["deterministic"] is True and lim["seed"] == 7
        s.set_limits(timeout=None, max_stdout=5)
        assert s.limits["timeout"] is None and s.limits["max_stdout"] == 5
    finally:
        s.close()
    with pytest.raises(TypeError, match="unexpected keyword argument 'memroy'"):
        mpbox.Session(memroy=1)
    with pytest.raises(ValueError, match="memory"):
        mpbox.Session(memory=1024)
    with pytest.raises(ValueError, match="timeout"):
        mpbox.run("pass", timeout=-1)
    with pytest.raises(ValueError, match="timeout"):
        mpbox.run("pass", timeout=0)
    with pytest.raises(TypeError):
        mpbox.run("pass", max_stdout="big")
    with pytest.raises(TypeError):
        mpbox.Session(1)


def test_deterministic_runs_repeat():
    code = "import random, time\nprint(random.getrandbits(30), time.time())"
    a = mpbox.run(code, deterministic=True, seed=5).stdout
    b = mpbox.run(code, deterministic=True, seed=5).stdout
    c = mpbox.run(code, deterministic=True, seed=6).stdout
    assert a == b and a != c


def test_per_run_timeout_is_restored(session):
    r = session.run("while True: pass", timeout=0.05)
    assert r.status == "timeout"
    session.set_limits(timeout=0.05)
    guard = threading.Timer(20, session.interrupt)  # were None "no limit", this ends the run
    guard.start()
    try:
        assert session.run("while True: pass", timeout=None).status == "timeout"  # None: the session's
    finally:
        guard.cancel()
    session.set_limits(timeout=30)
    assert session.limits["timeout"] == 30.0
    assert session.run("print('still here')").stdout == "still here\n"


def test_rollback_after_hard_failure(session):
    session.run("x = 1")
    r = session.run("x = 2\nb = bytearray(10**9)", )
    assert r.status == "out_of_memory" and r.session_state == "rolled_back"
    assert session.run("print(x)").stdout == "1\n"


def test_files_roundtrip(session):
    session.put_file("/data/in.txt", b"hello")
    session.put_file("/data/s.txt", "text é")
    r = session.run("s = open('/data/in.txt').read()\nopen('/out.txt', 'w').write(s.upper())")
    assert r.ok, r
    assert session.get_file("/out.txt") == b"HELLO"
    assert session.get_file("/data/s.txt") == "text é".encode()
    assert session.files() == {"/data/in.txt": 5, "/data/s.txt": 7, "/out.txt": 5}
    with pytest.raises(FileNotFoundError):
        session.get_file("/nope")
    with pytest.raises(ValueError):
        session.put_file("relative", b"")


def test_file_quota():
    s = mpbox.Session(files_bytes=10)
    try:
        with pytest.raises(OSError):
            s.put_file("/big", b"x" * 100)
    finally:
        s.close()


def test_mount(tmp_path, session):
    (tmp_path / "a.txt").write_text("from host")
    session.mount(tmp_path)
    session.mount(str(tmp_path), at="/other")
    r = session.run("print(open('/input/a.txt').read(), open('/other/a.txt').read())")
    assert r.stdout == "from host from host\n"
    r = session.run("open('/input/b.txt', 'w')")
    assert r.error_type == "PermissionError"  # EACCES: a read-only mount
    with pytest.raises(ValueError):
        session.mount(tmp_path, at="/input")
    with pytest.raises(NotADirectoryError):
        session.mount(tmp_path / "a.txt", at="/x")


def test_sqlite(tmp_path, session):
    db = tmp_path / "t.db"
    con = sqlite3.connect(db)
    con.execute("create table t (a, b)")
    con.executemany("insert into t values (?, ?)", [(1, "one"), (2, "two")])
    con.commit()
    con.close()
    session.add_sqlite("main", db)
    r = session.run("r = read_only_sql_query('main', 'select b from t where a > ?', [1])\nprint(r['rows'])")
    assert r.stdout == "[['two']]\n", r
    r = session.run("print(read_only_sql_query('main', 'delete from t'))")
    assert "error" in r.stdout
    with pytest.raises(ValueError):
        session.add_sqlite("not a name", db)


def test_save_load_fork(session):
    session.run("x = [1, 2, 3]")
    session.put_file("/f", b"data")
    snap = session.save()
    assert isinstance(snap, bytes) and len(snap) > 1000
    loaded = mpbox.Session.load(snap, timeout=5)
    try:
        assert type(loaded) is mpbox.Session
        assert loaded.run("print(sum(x))").stdout == "6\n"
        assert loaded.get_file("/f") == b"data"
        assert loaded.limits["timeout"] == 5.0
    finally:
        loaded.close()
    child = session.fork()
    try:
        child.run("x.append(4)")
        assert child.run("print(len(x))").stdout == "4\n"
        assert session.run("print(len(x))").stdout == "3\n"
    finally:
        child.close()


def test_bad_snapshots_are_refused():
    snap = mpbox.Session().save()
    for bad in (b"", b"garbage" * 10, snap[: len(snap) // 2], snap[:-1] + bytes([snap[-1] ^ 1])):
        with pytest.raises(mpbox.SnapshotError):
            mpbox.Session.load(bad)
    assert issubclass(mpbox.SnapshotError, ValueError)


def test_close_and_context_manager():
    with mpbox.Session() as s:
        assert s.run("pass").ok and not s.closed
    assert s.closed
    s.close()  # idempotent
    for call in (lambda: s.run("pass"), s.save, s.fork, s.files, lambda: s.put_file("/a", b"")):
        with pytest.raises(mpbox.SessionClosed):
            call()
    with pytest.raises(mpbox.SessionClosed):
        with s:
            pass
    s.interrupt()  # no-op on a closed session
    assert repr(s) == "<mpbox.Session closed>"


def test_lost_session_refuses_runs():
    s = mpbox.Session(rollback=False, timeout=0.05, grace=0.01)
    try:
        # ignores the soft stop (KeyboardInterrupt): hard stop, no rollback
        r = s.run("while True:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        pass")
        assert r.status == "timeout" and r.session_lost and r.session_state == "lost"
        assert s.lost
        with pytest.raises(mpbox.SessionLost):
            s.run("pass")
    finally:
        s.close()


def test_result_is_independent_of_its_session():
    s = mpbox.Session()
    r = s.run("print('kept')")
    s.close()
    assert r.stdout == "kept\n"


def test_constants():
    assert mpbox.__version__ == mpbox.VERSION
    assert "MicroPython" in mpbox.GUEST_VERSION
    assert mpbox.MIN_MEMORY < mpbox.DEFAULT_MEMORY < mpbox.MAX_MEMORY
    with pytest.raises(TypeError):
        mpbox.Result()
