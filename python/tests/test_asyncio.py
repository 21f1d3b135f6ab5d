"""asyncio: run_async awaits a run on a thread; the loop keeps running."""

import asyncio
import threading

import pytest

import mpbox


def test_run_async_results():
    async def main():
        with mpbox.Session() as s:
            await s.run_async("x = 2")
            r = await s.run_async("x * 21", return_value=True)
            assert r.return_value == 42
        r = await mpbox.run_async("print('one shot')", timeout=5)
        assert r.stdout == "one shot\n"
        rs = await asyncio.gather(*(mpbox.run_async(f"print({i})") for i in range(8)))
        assert [r.stdout for r in rs] == [f"{i}\n" for i in range(8)]

    asyncio.run(main())


def test_loop_runs_while_the_guest_runs():
    # The guest waits for a host function that only the event loop can
    # release: if run_async blocked the loop, this would end in a timeout.
    async def main():
        loop = asyncio.get_running_loop()
        released = threading.Event()
        s = mpbox.Session(timeout=20, host_functions={"wait": lambda: released.wait(20)})
        task = asyncio.ensure_future(s.run_async("print(wait())"))
        await asyncio.sleep(0)
        for _ in range(3):
            await asyncio.sleep(0.01)  # the loop is alive
        loop.call_soon(released.set)
        r = await task
        s.close()
        return r

    r = asyncio.run(main())
    assert r.stdout == "True\n"


def test_cancel_interrupts_the_run():
    async def main():
        started = threading.Event()
        s = mpbox.Session(timeout=20, host_functions={"started": lambda: started.set()})
        s.run("x = 1")
        task = asyncio.ensure_future(s.run_async("started()\nx = 2\nwhile True: pass"))
        while not started.is_set():
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # The run was stopped (not left running): the session is free again.
        r = await s.run_async("print(x)")
        s.close()
        return r

    r = asyncio.run(main())
    assert r.stdout in ("1\n", "2\n")


def test_async_host_framework_style_tool():
    # An agent framework's tool: an async function that runs code.
    session = mpbox.Session(timeout=5)

    async def python_tool(code: str) -> str:
        r = await session.run_async(code)
        return r.stdout if r.ok else f"{r.error_type}: {r.error_message}"

    async def main():
        return [await python_tool("print(sum(range(10)))"), await python_tool("1/0")]

    assert asyncio.run(main()) == ["45\n", "ZeroDivisionError: division by zero"]
    session.close()
