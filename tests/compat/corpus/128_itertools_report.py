# itertools in a reporting script.
from itertools import groupby, accumulate, chain, islice, product, permutations, combinations, zip_longest, count, cycle, starmap, pairwise
sales = [("mon", 3), ("mon", 5), ("tue", 2), ("wed", 7), ("wed", 1), ("wed", 4)]
for day, rows in groupby(sales, key=lambda r: r[0]):
    print(day, sum(q for _, q in rows))
print(list(accumulate([3, 5, 2, 7, 1])), list(accumulate([3, 5, 2], lambda a, b: a * b)))
print(list(chain([1, 2], (3,), "ab")), list(islice(count(10, 5), 4)))
print(list(product("ab", repeat=2)), len(list(permutations(range(4), 2))))
print(list(combinations("abcd", 3)))
print(list(zip_longest([1, 2, 3], "ab", fillvalue="-")))
print(list(islice(cycle("xyz"), 7)), list(starmap(pow, [(2, 3), (3, 2)])))
print(list(pairwise([1, 4, 9, 16])))
