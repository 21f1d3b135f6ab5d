import itertools as it
import operator

sales = [("north", "q1", 120), ("north", "q2", 135), ("south", "q1", 98),
         ("south", "q2", 101), ("east", "q1", 77), ("east", "q2", 90), ("north", "q3", 150)]

sales.sort(key=operator.itemgetter(0))
for region, group in it.groupby(sales, key=lambda r: r[0]):
    rows = list(group)
    print(f"{region:<6} {[q for _, q, _ in rows]} total={sum(r[2] for r in rows)}")

print(list(it.accumulate([3, 1, 4, 1, 5, 9, 2, 6])))
print(list(it.accumulate([3, 1, 4, 1, 5, 9, 2, 6], max)))
print(list(it.accumulate([1, 2, 3, 4], operator.mul, initial=10)))
print(list(it.product("ab", [1, 2])))
print(["".join(p) for p in it.permutations("abc", 2)])
print(list(it.combinations(range(5), 3))[:4], len(list(it.combinations(range(10), 4))))
print(list(it.combinations_with_replacement("xy", 2)))
print(list(it.chain.from_iterable([[1, 2], (3,), "ab"])))
print(list(it.islice(it.count(10, 5), 4)), list(it.islice("abcdefg", 1, None, 2)))
print(list(it.zip_longest("abc", [1], fillvalue="-")))
print(list(it.starmap(pow, [(2, 3), (3, 2), (10, 0)])))
print(list(it.takewhile(lambda x: x < 5, [1, 3, 6, 2])), list(it.dropwhile(lambda x: x < 5, [1, 3, 6, 2])))
print(list(it.filterfalse(str.isdigit, "a1b2c3")), list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(it.pairwise([1, 4, 9, 16])), list(it.repeat("x", 3)))
cyc = it.cycle("RGB")
print([next(cyc) for _ in range(7)])
a, b = it.tee([1, 2, 3])
print(list(a), list(b))
print([(k, len(list(g))) for k, g in it.groupby("aaabccddddd")])
# batching without itertools.batched (3.12+)
data = list(range(11))
batches = [data[i:i + 4] for i in range(0, len(data), 4)]
print(batches)
print(sum(1 for _ in it.permutations(range(6))), next(it.dropwhile(lambda s: sum(s) < 10, it.combinations(range(8), 3))))
