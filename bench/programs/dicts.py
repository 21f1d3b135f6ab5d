# Dict-heavy work: str and int keys (50000 of each: below 65536, where the
# original MicroPython's 16-bit string hashes start to cluster), updates,
# deletes, membership, small per-record dicts and attribute access.
# Prints only order-independent results, so that every interpreter agrees.
N = 50000
words = {}
for i in range(N):
    words["w%d" % (i * 7 % N)] = i
total = 0
for i in range(N):
    total += words["w%d" % i]
for i in range(0, N, 3):
    del words["w%d" % i]
hits = sum(1 for i in range(N) if ("w%d" % i) in words)
ints = {}
for i in range(N):
    ints[i * 2654435761 % 1000003] = i
acc = 0
for k in ints:
    acc = (acc + ints[k] * k) % 1000000007
records = [{"id": i, "name": "n%d" % i, "score": i % 97} for i in range(20000)]
by_score = {}
for r in records:
    by_score.setdefault(r["score"], []).append(r["id"])


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


s = 0
for i in range(100000):
    p = P(i, i + 1)
    s += p.x + p.y
print(total, hits, len(ints), acc, len(by_score), sum(len(v) for v in by_score.values()), s)
