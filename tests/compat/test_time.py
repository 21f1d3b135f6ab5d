# time: CPython's clocks, struct_time, mktime/strftime/strptime/asctime/ctime.
# Output must be identical under CPython 3.11 and mpbox; only gmtime and
# explicit tuples are printed (localtime depends on the machine's zone).
import time

# the clocks: types, order, rough agreement
t0, n0 = time.perf_counter(), time.perf_counter_ns()
total = sum(range(200000))
el = time.perf_counter() - t0
print(type(t0).__name__, type(n0).__name__, 0 <= el < 30, time.perf_counter_ns() >= n0)
m1, m2 = time.monotonic(), time.monotonic()
print(m2 >= m1, type(time.monotonic_ns()).__name__, type(time.process_time()).__name__,
      type(time.process_time_ns()).__name__, type(time.thread_time()).__name__)
print(time.time() > 1.7e9, time.time_ns() > 1.7e18, abs(time.time() - time.time_ns() / 1e9) < 5)

# struct_time
g = time.gmtime(0)
print(g)
print(g.tm_year, g.tm_mon, g.tm_mday, g.tm_wday, g.tm_yday, g.tm_isdst, g.tm_zone, g.tm_gmtoff)
print(g[0], g[-1], len(g), tuple(g), g == (1970, 1, 1, 0, 0, 0, 3, 1, 0), isinstance(g, tuple))
y, mo, d, *rest = time.gmtime(1700000000)
print(y, mo, d, rest)
for secs in [1700000000, 1700000000.9, 951782400, 2**31, 0.5, 1e9]:
    g = time.gmtime(secs)
    print(secs, g.tm_year, g.tm_yday, time.mktime(g) - time.mktime(time.gmtime(0)))
print(isinstance(time.localtime(), time.struct_time), len(time.localtime()))

# formatting and parsing
g = time.gmtime(1700000000)
print(time.strftime('%Y-%m-%d %H:%M:%S', g), time.strftime('%a, %d %b %Y', g))
print(time.strftime('%j %U %W %p %I %y %A %B %%', time.gmtime(1e9)))
print(time.strftime('%Y-%m-%d', (2024, 2, 29, 0, 0, 0, 3, 60, 0)))
print(time.asctime(g), time.asctime((2024, 1, 5, 9, 8, 7, 4, 5, 0)))
print(time.strptime('2024-02-29 13:45', '%Y-%m-%d %H:%M'))
print(time.strptime('30 Nov 00', '%d %b %y').tm_yday, time.strptime('Mon Jan  1 00:00:00 2024'))
print(type(time.ctime()).__name__, len(time.ctime()))

# errors
for bad in [lambda: time.mktime((1, 2)), lambda: time.strftime('%Y', (1, 2)), lambda: time.asctime((1,)),
            lambda: time.mktime(5), lambda: time.gmtime('x'), lambda: time.strptime('x', '%Y')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
