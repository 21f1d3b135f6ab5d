"""interrupt() and Ctrl-C (SIGINT) stop a guest run."""

import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import mpbox


def test_interrupt_from_another_thread(session):
    started = threading.Event()
    session.register("started", started.set)
    session.run("x = 'before'")
    t = threading.Thread(target=lambda: (started.wait(20), session.interrupt()))
    t.start()
    r = session.run("started()\nx = 'during'\nwhile True: pass")
    t.join()
    assert r.status == "interrupted" and r.error_type == "KeyboardInterrupt"
    with pytest.raises(mpbox.Interrupted):
        r.raise_for_status()
    assert session.run("print('usable')").stdout == "usable\n"


def test_interrupt_when_idle_is_a_no_op(session):
    session.interrupt()
    assert session.run("print(1)").ok


def _sigint_as_at_a_terminal():
    # A shell starts background jobs (`make test &` in a script) with SIGINT
    # ignored, and a child keeps that: Python then installs no handler and
    # Ctrl-C never arrives. The child gets SIGINT's default action back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _python(script, timeout=60):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.run([sys.executable, "-X", "faulthandler", "-c", textwrap.dedent(script)], capture_output=True, text=True,
                           timeout=timeout, env=env, preexec_fn=_sigint_as_at_a_terminal)


def test_ctrl_c_interrupts_the_run():
    # SIGINT arrives while the main thread is inside a guest loop whose
    # timeout is 600 s: the run must stop and raise KeyboardInterrupt.
    p = _python("""
        import os, signal, threading, mpbox
        s = mpbox.Session(timeout=600)
        s.register("started", lambda: threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start())
        try:
            s.run("started()\\nwhile True: pass")
            print("not interrupted")
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
        print(s.run("print('after')").stdout.strip())
    """)
    assert p.stdout.split() == ["KeyboardInterrupt", "after"], p.stderr


def test_ctrl_c_during_a_nested_run():
    # A host function of the outer session runs another session's endless
    # loop: Ctrl-C stops both, and both sessions stay usable.
    p = _python("""
        import os, signal, threading, mpbox
        inner = mpbox.Session(timeout=600)
        inner.register("started", lambda: threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start())
        outer = mpbox.Session(timeout=600)
        outer.register("nested", lambda: inner.run("started()\\nwhile True: pass").status)
        try:
            outer.run("nested()\\nwhile True: pass")
            print("not interrupted")
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
        print(outer.run("print(1)").stdout.strip(), inner.run("print(2)").stdout.strip())
        print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
    """)
    assert p.stdout.split() == ["KeyboardInterrupt", "1", "2", "True"], p.stderr


def test_ctrl_c_in_one_shot_run():
    p = _python("""
        import os, signal, threading, mpbox
        threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
        try:
            mpbox.run("while True: pass", timeout=600)
        except KeyboardInterrupt:
            print("KeyboardInterrupt")
    """)
    assert p.stdout.strip() == "KeyboardInterrupt", p.stderr


def test_ctrl_c_with_custom_handler_returns_the_result():
    p = _python("""
        import os, signal, threading, mpbox
        hits = []
        signal.signal(signal.SIGINT, lambda *a: hits.append(1))
        s = mpbox.Session(timeout=600)
        s.register("started", lambda: threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start())
        r = s.run("started()\\nwhile True: pass")
        print(r.status, hits)
    """)
    assert p.stdout.strip() == "interrupted [1]", p.stderr


def test_keyboard_interrupt_in_host_function(session):
    def stop():
        raise KeyboardInterrupt

    session.register("stop", stop)
    session.run("n = 0")
    with pytest.raises(KeyboardInterrupt):
        session.run("stop()\nwhile True: n += 1")
    assert session.run("print('usable')").stdout == "usable\n"


def test_faulthandler_enabled_first_is_fine():
    p = _python("""
        import faulthandler, mpbox
        assert faulthandler.is_enabled()
        s = mpbox.Session()
        s.run("x = [i for i in range(10000)]")
        print(s.run("print(len(x))").stdout.strip(), mpbox.run("print(2)").stdout.strip())
    """)
    assert p.stdout.split() == ["10000", "2"], p.stderr
