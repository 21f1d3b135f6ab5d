# list.sort and sorted() (host/sort.c, guest/sort.c), compared with CPython:
# stability with and without reverse, one key call per item, exceptions
# from keys and comparisons, sizes and orders that a quicksort handles
# badly.

people = [("ann", 30), ("bob", 25), ("cy", 30), ("dee", 25), ("eve", 35), ("fay", 30), ("gus", 25)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
by_len = ["pear", "fig", "apple", "kiwi", "plum", "date", "lime", "banana", "yam"]
print(sorted(by_len, key=len), sorted(by_len, key=len, reverse=True))
words = ["b", "A", "a", "B", "c", "C"]
words.sort(key=str.lower)
print(words)
words.sort(key=str.lower, reverse=True)
print(words)
print(sorted([3, 1, 2], reverse=True), sorted([]), sorted([1]), [2, 1].sort())

# sorting twice by different keys: the classic use of stability
rows = [("x", 2, "b"), ("y", 1, "a"), ("z", 2, "a"), ("w", 1, "b"), ("v", 2, "a")]
rows.sort(key=lambda r: r[2])
rows.sort(key=lambda r: r[1], reverse=True)
print(rows)


class Rec:
    def __init__(self, name, score):
        self.name, self.score = name, score

    def __lt__(self, other):
        return self.score < other.score

    def __repr__(self):
        return "%s:%d" % (self.name, self.score)


recs = [Rec(c, s) for c, s in zip("abcdefghij", [3, 1, 3, 2, 1, 3, 2, 2, 1, 3])]
print(sorted(recs), sorted(recs, reverse=True))

# the key is called once per item, in order
calls = []


def key(x):
    calls.append(x)
    return -x


print(sorted([5, 3, 9, 1], key=key), calls)

# exceptions propagate; a failing key leaves the list unchanged
data = [3, 1, 2]
try:
    data.sort(key=lambda x: 1 / (x - 1))
except ZeroDivisionError as e:
    print("ZeroDivisionError", data)
try:
    sorted([1, "a", 2])
except TypeError:
    print("TypeError")


class Bad:
    def __lt__(self, other):
        raise ValueError("no order")


try:
    sorted([Bad(), Bad()])
except ValueError as e:
    print("ValueError", e)

# bigger inputs: random, sorted, reversed, few distinct values
seed = 12345
rnd = []
for i in range(5000):
    seed = (seed * 1103515245 + 12345) % 2147483648
    rnd.append(seed % 1000)
s = sorted(rnd)
print(s[:5], s[-5:], s == sorted(s), sorted(s, reverse=True)[:3])
pairs = [(v % 10, i) for i, v in enumerate(rnd)]
st = sorted(pairs, key=lambda p: p[0])
print(all(st[i][1] < st[i + 1][1] for i in range(len(st) - 1) if st[i][0] == st[i + 1][0]))
rv = sorted(pairs, key=lambda p: p[0], reverse=True)
print(all(rv[i][1] < rv[i + 1][1] for i in range(len(rv) - 1) if rv[i][0] == rv[i + 1][0]), rv[:3])
print(sorted(range(3000, 0, -1))[:3], sorted(range(3000))[-3:], sorted([1.5, 1, -2, 0.5, 3]))
print(sorted(["pear", "Apple", "fig", "apple", "Fig"]), sorted([[2, 1], [1, 2], [1, 1], [2]]))
print(sorted({"b": 1, "a": 2, "c": 0}), sorted({"b": 1, "a": 2, "c": 0}.items(), key=lambda kv: kv[1]))
big = list(range(100000))
big.reverse()
big.sort()
print(big[:3], big[-1], sorted(big, reverse=True)[:2], sorted([-5, 2**40, 3, -2**40]))
