"""Reporting with itertools: groupby, accumulate, pairwise, product, chain, islice."""
import itertools as it
import operator
from collections import Counter, ChainMap, deque, namedtuple

Sale = namedtuple("Sale", "day region amount")

SALES = [
    Sale("Mon", "east", 120), Sale("Mon", "west", 80), Sale("Tue", "east", 95),
    Sale("Tue", "west", 130), Sale("Wed", "east", 60), Sale("Wed", "west", 150),
    Sale("Thu", "east", 170), Sale("Fri", "west", 40), Sale("Fri", "east", 110),
]


def main():
    by_day = {day: sum(s.amount for s in grp) for day, grp in it.groupby(SALES, key=operator.attrgetter("day"))}
    print(by_day)
    running = list(it.accumulate(by_day.values()))
    print("running:", running, list(it.accumulate(by_day.values(), max)), list(it.accumulate([1, 2, 3], initial=100)))
    print("changes:", [b - a for a, b in it.pairwise(by_day.values())])
    by_region = sorted(SALES, key=lambda s: s.region)
    for region, grp in it.groupby(by_region, key=lambda s: s.region):
        amounts = [s.amount for s in grp]
        print(f"  {region:<5} n={len(amounts)} total={sum(amounts):>4} best={max(amounts)}")
    print(list(it.product("AB", range(2))), len(list(it.permutations(range(4), 2))))
    print(list(it.combinations_with_replacement("xyz", 2))[:4])
    print(list(it.islice(it.cycle("abc"), 7)), list(it.repeat(0, 3)), list(it.starmap(pow, [(2, 3), (3, 2)])))
    print(list(it.chain.from_iterable([[1, 2], [3], []])), list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
    print(list(it.takewhile(lambda x: x < 4, [1, 3, 5, 2])), list(it.dropwhile(lambda x: x < 4, [1, 3, 5, 2])))
    print(list(it.zip_longest("abc", [1, 2], fillvalue="-")), list(it.filterfalse(str.isdigit, "a1b2c3")))
    counter = it.count(start=10, step=5)
    print([next(counter) for _ in range(4)], list(zip(it.count(), "xy")))
    a, b = it.tee([1, 2, 3])
    print(list(a), list(b), list(map(operator.mul, [1, 2, 3], [4, 5, 6])))
    batches = [list(it.islice(iter(range(10)), i, i + 4)) for i in range(0, 10, 4)]
    print(batches)
    c = Counter(s.region for s in SALES)
    c2 = Counter(east=1, north=4)
    print(c, c + c2, c - c2, c & c2, c | c2, sorted(c.elements())[:3], c.total())
    c.subtract({"east": 10})
    print(c, c.most_common(1), +c)
    cm = ChainMap({"debug": True}, {"debug": False, "level": "info"})
    print(cm["debug"], cm["level"], dict(cm), cm.maps[1], len(cm))
    child = cm.new_child({"level": "warn"})
    print(child["level"], list(child.keys()), child.parents["level"])
    window = deque(maxlen=3)
    for s in SALES:
        window.append(s.amount)
        if len(window) == 3:
            print(f"{s.day}/{s.region}: avg of last 3 = {sum(window) / 3:6.2f}", window)
    d = deque([1, 2, 3, 4, 5])
    d.rotate(2)
    print(d, d.maxlen, d.index(4), d[0], d[-1])
    print(Sale._fields, SALES[0]._asdict(), SALES[0]._replace(amount=0), Sale._make(["Sat", "n", 1]))


if __name__ == "__main__":
    main()
