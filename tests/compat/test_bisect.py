# bisect: output must be identical under CPython 3.11 and mpbox.
import bisect

a = [1, 2, 2, 2, 3, 5, 8, 8, 13]
for x in [0, 1, 2, 4, 8, 13, 20]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x),
          bisect.bisect_left(a, x, 2), bisect.bisect_right(a, x, 1, 5), bisect.bisect_left(a, x, hi=3))

b = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    bisect.insort(b, x)
print(b)
c = []
for x in [5, 1, 4, 1, 5]:
    bisect.insort_left(c, x)
    bisect.insort_right(c, x + 0.5)
print(c)
d = [0, 10, 20]
bisect.insort(d, 15, 1, 2)
print(d)

# key=
recs = [('ann', 21), ('bob', 25), ('cy', 25), ('dee', 30)]
age = lambda r: r[1]
for x in [20, 25, 26, 31]:
    print(x, bisect.bisect_left(recs, x, key=age), bisect.bisect_right(recs, x, key=age))
bisect.insort(recs, ('eve', 25), key=age)
bisect.insort_left(recs, ('fay', 25), key=age)
print(recs)


def grade(score, breakpoints=(60, 70, 80, 90), grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
print(bisect.bisect_left('acegi', 'f'), bisect.bisect_right(['a', 'b', 'b'], 'b'))
for bad in [lambda: bisect.bisect_left(a, 1, -1), lambda: bisect.insort(a, 1, -2),
            lambda: bisect.bisect(None, 1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print(e)
