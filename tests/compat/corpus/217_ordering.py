# Ordering with __lt__ and functools.total_ordering.
from functools import total_ordering


@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


versions = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2.3"]]
print(sorted(versions))
print(max(versions), min(versions))
print(Version("1.0") <= Version("1.0"), Version("2.0") > Version("1.9.9"))
print(Version("1.0") >= Version("1.1"))


class Card:
    ranks = "23456789TJQKA"

    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit

    def __lt__(self, other):
        return self.ranks.index(self.rank) < self.ranks.index(other.rank)

    def __repr__(self):
        return self.rank + self.suit


hand = [Card("K", "h"), Card("3", "s"), Card("A", "d"), Card("T", "c"), Card("3", "h")]
print(sorted(hand))
print(sorted(hand, reverse=True))
try:
    Card("2", "h") <= Card("3", "h")
except TypeError as e:
    print("TypeError:", e)
print(Card("2", "h") > Card("3", "h"))
