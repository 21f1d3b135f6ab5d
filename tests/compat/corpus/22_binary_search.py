# Binary search by hand and with bisect: grades, insertion, ranges.
import bisect

def binary_search(items, target):
    lo, hi = 0, len(items) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid, steps
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps

data = list(range(3, 300, 7))
for t in [3, 94, 95, 297, 296]:
    print(t, binary_search(data, t))

def grade(score, breakpoints=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]

print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100, 60]])

scores = []
for s in [55, 91, 72, 72, 48, 88, 100]:
    bisect.insort(scores, s)
print("sorted scores:", scores)
print("count in [70, 90):", bisect.bisect_left(scores, 90) - bisect.bisect_left(scores, 70))
print("left/right of 72:", bisect.bisect_left(scores, 72), bisect.bisect_right(scores, 72))

def sqrt_floor(n):
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo

print([sqrt_floor(n) for n in [0, 1, 15, 16, 17, 10 ** 12, 2 ** 61]])

def first_true(lo, hi, pred):
    while lo < hi:
        mid = (lo + hi) // 2
        if pred(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo

print("first n with n^3 > 10^6:", first_true(0, 10 ** 6, lambda n: n ** 3 > 10 ** 6))
