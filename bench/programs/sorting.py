# Sorting: list.sort and sorted() on 60000 pseudo-random ints, strings and
# tuples, with and without key= and reverse=. The checksums do not depend
# on how ties are ordered, so a stable and an unstable sort agree.
seed = 2024
nums = []
for i in range(60000):
    seed = (seed * 1103515245 + 12345) % 2147483648
    nums.append(seed % 1000003)
words = ["w%d" % (x % 50000) for x in nums]
pairs = [(x % 97, x) for x in nums]
total = 0
for rep in range(3):
    a = sorted(nums)
    b = sorted(nums, reverse=True)
    c = sorted(words)
    d = sorted(pairs)
    e = sorted(nums, key=lambda x: (x * 7) % 1000)
    total += a[100] + b[100] + len(c[100]) + d[100][1] + sum(x % 1000 for x in e[:50]) // 50
    f = list(nums)
    f.sort(key=lambda x: -x)
    total += f[0]
print(total, a[0], a[-1], c[0], c[-1], d[0][0], d[-1][0])
