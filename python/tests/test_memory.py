"""No leaks: 10,000 runs leave the process's resident memory flat."""

import gc
import os

import mpbox


def _rss_kib():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _mixed_runs(session, n):
    for i in range(n):
        k = i % 5
        if k == 0:
            r = mpbox.run("print('x' * 100)")
        elif k == 1:
            r = session.run("d = {'i': %d}\nprint(echo(d, k=[1, 2]))" % i)
        elif k == 2:
            r = session.run("fail('boom')")
        elif k == 3:
            r = session.run("1/0")
            r.to_dict(), r.traceback, repr(r)
            try:
                r.raise_for_status()
            except mpbox.GuestError:
                pass
        else:
            r = session.run("bad()")
        r.stdout, r.stats


def test_rss_flat_over_10000_runs():
    def fail(msg):
        raise ValueError(msg)

    s = mpbox.Session(host_functions={"echo": lambda *a, **k: [a, k], "fail": fail, "bad": lambda: {1}})
    _mixed_runs(s, 2000)  # warm up: allocator pools, page tracking
    gc.collect()
    before = _rss_kib()
    _mixed_runs(s, 10000)
    gc.collect()
    after = _rss_kib()
    s.close()
    # A leak of even 100 bytes per run would be 1 MiB here; the bound leaves
    # room for allocator noise only.
    assert after - before < 1024, (before, after)


def test_sessions_and_snapshots_do_not_leak():
    base = mpbox.Session()
    base.run("x = list(range(100))")
    snap = base.save()

    def cycle(n):
        for _ in range(n):
            mpbox.Session(host_functions={"f": len}).close()
            base.fork().close()
            mpbox.Session.load(snap).close()

    cycle(300)
    gc.collect()
    before = _rss_kib()
    cycle(1500)
    gc.collect()
    after = _rss_kib()
    base.close()
    assert after - before < 2048, (before, after)
