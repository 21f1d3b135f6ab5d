# timeit: statements as text and as callables, setup, globals=, repeat,
# autorange with a callback, a custom timer, and the errors (times vary:
# only their types and counts are printed).
import timeit

calls = []


def work():
    calls.append(1)


t = timeit.timeit('sum(range(10))', number=100)
print(type(t).__name__, t >= 0)
print(timeit.timeit(work, number=7) >= 0, len(calls))
r = timeit.repeat('x * 2', setup='x = 21', repeat=3, number=50)
print(len(r), all(type(v) is float and v >= 0 for v in r))
data = [5, 3, 1]
print(timeit.timeit('sorted(data)', globals={'data': data}, number=10) >= 0)
print(timeit.timeit('y = sorted(data)\nz = len(y)', globals=globals(), number=10) >= 0)
try:
    timeit.timeit('sorted(data)', number=1)
except NameError as e:
    print('NameError', e)
for bad in ['x = ', 'for']:
    try:
        timeit.Timer(bad)
    except SyntaxError:
        print('SyntaxError')
for bad in [1, None]:
    try:
        timeit.Timer(bad)
    except ValueError as e:
        print('ValueError', e)
    try:
        timeit.Timer('pass', bad)
    except ValueError as e:
        print('ValueError', e)
ticks = iter(range(0, 10 ** 6, 3))
fake = timeit.Timer('pass', timer=lambda: next(ticks))
print(fake.timeit(5), fake.repeat(2, 10))
steps = []
clock = [0.0, 2.0 ** -10]


def slow_timer():
    # each reading advances twice as far as the last: runs take longer
    clock[1] *= 2
    clock[0] += clock[1]
    return clock[0]


n, taken = timeit.Timer('pass', timer=slow_timer).autorange(lambda num, tt: steps.append(num))
print(n, taken, steps)
setup_runs = []
tm = timeit.Timer(lambda: None, setup=lambda: setup_runs.append(1))
tm.timeit(3)
tm.timeit(4)
print(len(setup_runs), timeit.default_timer() > 0, timeit.Timer().timeit(1000) >= 0)
print(timeit.timeit('a.append(1)', setup='a = []', number=5) >= 0)
