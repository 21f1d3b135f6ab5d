"""Threads: the GIL is released while guest code runs; a session shared by
threads is used by one at a time."""

import threading

import mpbox


def test_gil_is_released_during_a_run():
    # The guest spins until interrupted. Only a thread that can run Python
    # while the guest spins can interrupt it; with the GIL held the run
    # would end by its 20 s timeout instead.
    started = threading.Event()
    s = mpbox.Session(timeout=20, host_functions={"started": lambda: started.set()})
    results = []
    t = threading.Thread(target=lambda: results.append(s.run("started()\nwhile True: pass")))
    t.start()
    assert started.wait(20)
    s.interrupt()
    t.join()
    assert results[0].status == "interrupted"
    s.close()


def test_sessions_on_many_threads():
    errors = []

    def work(n):
        with mpbox.Session() as s:
            s.run(f"total = 0\nn = {n}")
            for i in range(100):
                r = s.run("total += n")
                if not r.ok:
                    errors.append(r)
            out = s.run("print(total)").stdout
            if out != f"{100 * n}\n":
                errors.append(out)
        for i in range(50):
            r = mpbox.run(f"print({n} * {i})")
            if r.stdout != f"{n * i}\n":
                errors.append(r)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_one_session_shared_by_threads_is_serialised():
    s = mpbox.Session(host_functions={"tick": lambda: None})
    s.run("count = 0")
    barrier = threading.Barrier(4)

    def work():
        barrier.wait()
        for _ in range(100):
            assert s.run("tick()\ncount += 1").ok
            s.files()
            s.put_file("/f", b"x")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert s.run("print(count)").stdout == "400\n"
    s.close()


def test_close_from_another_thread_waits_for_the_run():
    started = threading.Event()
    s = mpbox.Session(timeout=20, host_functions={"started": lambda: started.set()})
    results = []
    t = threading.Thread(target=lambda: results.append(s.run("started()\nwhile True: pass")))
    t.start()
    assert started.wait(20)
    s.interrupt()
    s.close()  # blocks until the run has returned
    t.join()
    assert results[0].status == "interrupted" and s.closed


def test_fork_and_save_while_other_threads_run():
    base = mpbox.Session()
    base.run("data = list(range(1000))")
    out = []

    def work():
        for _ in range(20):
            child = base.fork()
            out.append(child.run("print(sum(data))").stdout)
            child.close()
            mpbox.Session.load(base.save()).close()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == ["499500\n"] * 60
    base.close()
