# heapq: output must be identical under CPython 3.11 and mpbox.
import heapq

seed = 5


def rnd(m=1000):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 4) % m


h = []
for i in range(60):
    heapq.heappush(h, rnd())
    if i % 3 == 0:
        heapq.heappop(h)
print(h)
x = [rnd() for _ in range(40)]
heapq.heapify(x)
print(x)
print([heapq.heappop(x) for _ in range(10)], x)
print(heapq.heapreplace(x, 500), x)
print(heapq.heappushpop(x, 1), heapq.heappushpop(x, 999), x)
print(heapq.heappushpop([], 3))
e = []
for bad in [lambda: heapq.heappop(e), lambda: heapq.heapreplace(e, 1)]:
    try:
        bad()
    except IndexError:
        print('IndexError')

data = [rnd(50) for _ in range(30)]
print(heapq.nlargest(5, data), heapq.nsmallest(5, data))
print(heapq.nlargest(0, data), heapq.nsmallest(-1, data), heapq.nlargest(100, [3, 1, 2]))
words = ['pear', 'fig', 'apple', 'kiwi', 'banana', 'plum', 'date', 'lime']
print(heapq.nlargest(3, words, key=len), heapq.nsmallest(4, words, key=len))
print(heapq.nsmallest(3, iter(words)), heapq.nlargest(2, words, key=lambda w: w[-1]))
recs = [{'n': 'a', 'p': 3}, {'n': 'b', 'p': 1}, {'n': 'c', 'p': 3}, {'n': 'd', 'p': 2}]
print([r['n'] for r in heapq.nlargest(2, recs, key=lambda r: r['p'])])
print([r['n'] for r in heapq.nsmallest(3, recs, key=lambda r: r['p'])])

print(list(heapq.merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(heapq.merge()), list(heapq.merge([], [])))
print(list(heapq.merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 5, 2], reverse=True)))
print(list(heapq.merge([(1, 'a'), (2, 'b')], [(1, 'c'), (2, 'd')], key=lambda t: t[0])))
print(list(heapq.merge(['x', 'aaa'], ['yy', 'b'], key=len, reverse=True)))
m = heapq.merge(iter([1, 4]), iter([2, 3]))
print(next(m), next(m), list(m))

# heap sort via the module
seq = [rnd(100) for _ in range(25)]
hs = []
for v in seq:
    heapq.heappush(hs, v)
print([heapq.heappop(hs) for _ in range(len(hs))] == sorted(seq))
print(sorted(heapq.__all__) if hasattr(heapq, '__all__') else None)
