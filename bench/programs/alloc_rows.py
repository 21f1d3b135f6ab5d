# Allocation-heavy: build 300k row dicts, aggregate them, drop them, twice
# (issue 11). Each pass holds ~300k small dicts live; when it returns, all
# of them are garbage for the next pass to reclaim.
def make_rows(n, seed):
    rows = []
    x = seed
    for i in range(n):
        x = (x * 7919 + 104729) % 1000003
        rows.append({"id": i, "region": "r%d" % (x % 17), "qty": x % 100, "price": (x % 1000) / 10.0})
    return rows

def aggregate(rows):
    totals = {}
    for r in rows:
        key = r["region"]
        t = totals.get(key)
        if t is None:
            t = totals[key] = [0, 0.0]
        t[0] += r["qty"]
        t[1] += r["qty"] * r["price"]
    return totals

def one_pass(seed):
    rows = make_rows(300_000, seed)
    totals = aggregate(rows)
    best = max(totals, key=lambda k: totals[k][1])
    return len(rows), len(totals), best, totals[best][0], round(totals[best][1], 2)

for seed in (1, 2):
    print(*one_pass(seed))
