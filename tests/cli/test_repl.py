#!/usr/bin/env python3
"""mpbox REPL, driven through a pseudo-terminal."""
import os
import pty
import select
import signal
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clitest import MPBOX, VERSION, Fail, case, check, finish, require_binary, show  # noqa: E402

require_binary()

PROMPT = b">>> "
MORE = b"... "


class Repl:
    """mpbox on a pty; send() keys, expect() output."""

    def __init__(self, *args):
        env = dict(os.environ, TERM="xterm")
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(MPBOX, [MPBOX] + list(args), env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.buf, self.status = pid, fd, b"", None

    def read(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                data = b""
            if not data:
                return
            self.buf += data
            return

    def expect(self, pattern, seconds=10):
        """Wait until pattern appears in the output; return what came before
        it (and consume both)."""
        end = time.monotonic() + seconds
        while pattern not in self.buf:
            if time.monotonic() > end or self.exited():
                self.read(0.2)
                if pattern in self.buf:
                    break
                raise Fail("waited for %r, got %s" % (pattern, show(self.buf, 400)))
            self.read(0.1)
        before, _, self.buf = self.buf.partition(pattern)
        return before

    def send(self, data):
        os.write(self.fd, data)

    def wait_mode(self, editing, seconds=10):
        """Wait until the terminal is in libedit's editing mode (no echo, no
        ISIG), or back in normal mode while code runs. Keys typed before
        libedit has switched would be echoed twice, or ^C would become
        SIGINT. (On Linux the master reports the slave's termios.)"""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            lflag = termios.tcgetattr(self.fd)[3]
            if bool(lflag & termios.ISIG) != editing:
                return
            self.read(0.01)
        raise Fail("terminal never went to %s mode" % ("editing" if editing else "normal"))

    def keys(self, data):
        """Type at the prompt."""
        self.wait_mode(editing=True)
        self.send(data)

    def line(self, text):
        """Type one line; return its output up to the next prompt (either kind)."""
        self.keys(text.encode() + b"\r")
        out = self.expect_any()
        return out

    def expect_any(self, seconds=10):
        end = time.monotonic() + seconds
        while True:
            i, j = self.buf.find(PROMPT), self.buf.find(MORE)
            hits = [k for k in (i, j) if k >= 0]
            if hits:
                k = min(hits)
                self.last_prompt = self.buf[k:k + 4]
                before, self.buf = self.buf[:k], self.buf[k + 4:]
                return before
            if time.monotonic() > end or self.exited():
                raise Fail("no prompt; got %s" % show(self.buf, 400))
            self.read(0.1)

    def exited(self):
        if self.status is None:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
        return self.status is not None

    def wait(self, seconds=10):
        end = time.monotonic() + seconds
        while not self.exited():
            if time.monotonic() > end:
                raise Fail("the REPL did not exit; output %s" % show(self.buf, 400))
            self.read(0.1)
        return self.status

    def close(self):
        if not self.exited():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def repl_case(fn):
    def wrapper():
        r = Repl(*getattr(fn, "args", ()))
        try:
            r.expect(PROMPT)
            fn(r)
        finally:
            r.close()
    wrapper.__name__ = fn.__name__
    return case(wrapper)


def out_lines(out):
    """Output of one input, minus the echo of the typed line."""
    lines = out.replace(b"\r\n", b"\n").split(b"\n")
    return lines[1:]


@case
def test_banner():
    r = Repl()
    try:
        before = r.expect(PROMPT)
        check(("mpbox %s " % VERSION).encode() in before and b"MicroPython 1.27.0" in before and b"Ctrl-D" in before,
              "banner %s" % show(before))
    finally:
        r.close()


@repl_case
def test_state_and_echo(r):
    r.line("x = 41")
    check(r.last_prompt == PROMPT, "continuation after an assignment")
    out = r.line("x + 1")
    check(b"42" in out, "echo %s" % show(out))
    out = r.line("'s' * 3")
    check(b"'sss'" in out, "repr echo %s" % show(out))
    out = r.line("None")
    check(out_lines(out) == [b""], "None echoed: %s" % show(out))
    out = r.line("print('hi')")
    check(out_lines(out) == [b"hi", b""], "print %s" % show(out))


@repl_case
def test_def_block(r):
    r.line("def double(a):")
    check(r.last_prompt == MORE, "no continuation prompt after def")
    r.line("    b = a * 2")
    check(r.last_prompt == MORE, "block ended early")
    r.line("    return b")
    check(r.last_prompt == MORE, "block ended early")
    r.line("")
    check(r.last_prompt == PROMPT, "block did not end at the blank line")
    out = r.line("double(21)")
    check(b"42" in out, "call %s" % show(out))


@repl_case
def test_for_block_with_comment(r):
    r.line("for i in range(3):   # a comment")
    check(r.last_prompt == MORE, "no continuation after ':' + comment")
    r.line("\tprint(i * 10)")  # a Tab must indent, not complete
    out = r.line("")
    check(b"0\r\n10\r\n20\r\n" in out, "loop output %s" % show(out))


@repl_case
def test_decorator_and_class(r):
    r.line("def deco(f):")
    r.line("    return lambda: f() + 1")
    r.line("")
    r.line("@deco")
    check(r.last_prompt == MORE, "no continuation after a decorator")
    r.line("def g():")
    r.line("    return 1")
    r.line("")
    out = r.line("g()")
    check(b"2" in out, "decorated %s" % show(out))
    r.line("class P:")
    r.line("    def __init__(self): self.v = 7")
    r.line("")
    out = r.line("P().v")
    check(b"7" in out, "class %s" % show(out))


@repl_case
def test_brackets_strings_backslash(r):
    r.line("t = [1,")
    check(r.last_prompt == MORE, "open bracket")
    r.line("     2, (3,")
    check(r.last_prompt == MORE, "nested bracket")
    r.line("4)]")
    check(r.last_prompt == PROMPT, "closed brackets")
    out = r.line("t")
    check(b"[1, 2, (3, 4)]" in out, "list %s" % show(out))
    r.line('s = """one')
    check(r.last_prompt == MORE, "triple-quoted string")
    r.line("")
    check(r.last_prompt == MORE, "blank line inside a string ended the input")
    r.line('two"""')
    out = r.line("s")
    check(b"'one\\n\\ntwo'" in out, "string %s" % show(out))
    r.line("n = 1 + \\")
    check(r.last_prompt == MORE, "backslash continuation")
    r.line("2")
    out = r.line("n")
    check(b"3" in out, "n %s" % show(out))
    r.line("u = '# not a comment ('")
    check(r.last_prompt == PROMPT, "bracket inside a string counted")
    r.line("d = {'k': 1}  # {")
    check(r.last_prompt == PROMPT, "bracket inside a comment counted")


@repl_case
def test_error_then_continue(r):
    r.line("y = 5")
    out = r.line("1/0")
    check(b"ZeroDivisionError" in out and b"Traceback" in out, "traceback %s" % show(out))
    out = r.line("undefined_name")
    check(b"NameError" in out, "NameError %s" % show(out))
    out = r.line("x = = 1")
    check(b"SyntaxError" in out, "SyntaxError %s" % show(out))
    out = r.line("y * 2")
    check(b"10" in out, "state lost after errors: %s" % show(out))


@repl_case
def test_blank_and_comment_lines(r):
    r.line("")
    check(r.last_prompt == PROMPT, "blank line")
    r.line("# just a comment")
    check(r.last_prompt == PROMPT, "comment line")


@repl_case
def test_ctrl_c_at_prompt(r):
    r.keys(b"zzz = 1")
    time.sleep(0.2)
    r.keys(b"\x03")
    out = r.expect_any()
    check(b"KeyboardInterrupt" in out, "no KeyboardInterrupt shown: %s" % show(out))
    check(r.last_prompt == PROMPT, "prompt")
    out = r.line("zzz")
    check(b"NameError" in out, "the discarded line ran: %s" % show(out))


@repl_case
def test_ctrl_c_in_block(r):
    r.line("if True:")
    check(r.last_prompt == MORE, "continuation")
    r.keys(b"\x03")
    r.expect_any()
    check(r.last_prompt == PROMPT, "Ctrl-C did not drop the block")
    out = r.line("3 * 3")
    check(b"9" in out, "after Ctrl-C %s" % show(out))


@repl_case
def test_ctrl_c_interrupts_run(r):
    r.line("k = 'kept'")
    r.keys(b"while True: pass\r")
    r.wait_mode(editing=False)
    time.sleep(0.3)
    r.send(b"\x03")
    out = r.expect_any(seconds=10)
    check(b"KeyboardInterrupt" in out or b"interrupted" in out, "no interruption shown: %s" % show(out))
    check(r.last_prompt == PROMPT, "prompt")
    out = r.line("k")
    check(b"'kept'" in out, "state after the interrupt %s" % show(out))


def with_args(*args):
    def deco(fn):
        fn.args = args
        return fn
    return deco


@repl_case
@with_args("--timeout", "0.5")
def test_timeout_continues(r):
    r.line("v = 3")
    out = r.line("while True: pass")
    check(b"mpbox: timeout:" in out, "no timeout diagnostic: %s" % show(out))
    out = r.line("v")
    check(b"3" in out, "after timeout %s" % show(out))


@repl_case
def test_session_rolled_back(r):
    r.line("w = 1")
    r.line("import uctypes")
    out = r.line("w = 2; uctypes.bytearray_at(0x7FFFFFF0, 64)[0]")
    check(b"trap" in out and b"rolled back" in out, "no rollback message: %s" % show(out))
    out = r.line("w")
    check(b"1" in out and b"NameError" not in out, "state before the input not kept: %s" % show(out))
    out = r.line("1 + 1")
    check(b"2" in out, "session does not work: %s" % show(out))


@repl_case
def test_ctrl_d_exits_0(r):
    r.line("a = 1")
    r.keys(b"\x04")
    status = r.wait()
    check(status == 0, "exit status %s" % status)


@repl_case
def test_sys_exit_leaves(r):
    r.line("import sys")
    r.keys(b"sys.exit(7)\r")
    status = r.wait()
    check(status == 7, "exit status %s" % status)


@repl_case
@with_args("--memory", "64M", "--max-output", "5")
def test_options_apply(r):
    out = b"\n".join(out_lines(r.line("print('abcdefghij')")))
    check(out.startswith(b"abcde") and not out.startswith(b"abcdef"), "cap not applied: %s" % show(out))
    check(b"truncated" in out, "no truncation warning: %s" % show(out))
    out = r.line("len(bytearray(100 * 1024 * 1024))")
    check(b"MemoryError" in out or b"out_of_memory" in out, "memory cap not applied: %s" % show(out))


@case
def test_json_needs_program():
    r = Repl("--json")
    try:
        status = r.wait()
        check(status == 2, "exit status %s" % status)
        r.read(0.2)
        check(b"--json" in r.buf, "message %s" % show(r.buf))
    finally:
        r.close()


finish()
