# itertools for combinatorics and grouping.
import itertools

team = ["Ana", "Ben", "Cal", "Dee"]
print("pairs:", list(itertools.combinations(team, 2)))
print("orders of 3:", len(list(itertools.permutations(team, 3))))
print("first orders:", list(itertools.permutations(team[:3])))
print("dice sums of 7:", [p for p in itertools.product(range(1, 7), repeat=2) if sum(p) == 7])
print("with replacement:", list(itertools.combinations_with_replacement("AB", 2)))

sales = [("2024-01", "north", 10), ("2024-01", "south", 7), ("2024-02", "north", 12),
         ("2024-02", "south", 3), ("2024-02", "east", 8), ("2024-03", "north", 15)]
for month, rows in itertools.groupby(sales, key=lambda r: r[0]):
    rows = list(rows)
    print(month, sum(r[2] for r in rows), [r[1] for r in rows])

print("running total:", list(itertools.accumulate([5, 3, 8, 1, 9])))
print("running max:", list(itertools.accumulate([5, 3, 8, 1, 9], max)))
print("chain:", list(itertools.chain([1, 2], (3, 4), "ab")))
print("flatten:", list(itertools.chain.from_iterable([[1], [2, 3], []])))
print("islice:", list(itertools.islice(itertools.count(10, 5), 4)))
print("cycle:", list(itertools.islice(itertools.cycle("xyz"), 7)))
print("takewhile:", list(itertools.takewhile(lambda x: x < 5, [1, 3, 6, 2])))
print("dropwhile:", list(itertools.dropwhile(lambda x: x < 5, [1, 3, 6, 2])))
print("zip_longest:", list(itertools.zip_longest("abc", [1, 2], fillvalue="-")))
print("compress:", list(itertools.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print("starmap:", list(itertools.starmap(pow, [(2, 3), (3, 2), (10, 0)])))
print("repeat:", list(itertools.repeat("ok", 3)))
letters = sorted("mississippi")
print("runs:", [(k, len(list(g))) for k, g in itertools.groupby(letters)])
print("pairwise:", list(itertools.pairwise([1, 4, 9, 16])))
