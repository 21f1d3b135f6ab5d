# __eq__ and __hash__: value objects in sets and dicts.
class Money:
    def __init__(self, amount, currency):
        self.amount = amount
        self.currency = currency

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return (self.amount, self.currency) == (other.amount, other.currency)

    def __hash__(self):
        return hash((self.amount, self.currency))

    def __repr__(self):
        return f"Money({self.amount}, {self.currency!r})"


a = Money(10, "EUR")
b = Money(10, "EUR")
c = Money(5, "USD")
print(a == b, a is b, a != c)
print(a == 10, 10 == a)
print(len({a, b, c}))
prices = {a: "ten euros"}
print(prices[b])


class NoHash:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, NoHash) and self.v == other.v


print(NoHash.__hash__ is None)
try:
    {NoHash(1)}
except TypeError as e:
    print("TypeError:", e)


class Identity:
    pass


i1, i2 = Identity(), Identity()
print(i1 == i2, i1 == i1, hash(i1) == hash(i1))
print(hash(1) == hash(1.0) == hash(True))
print(hash((1, 2)) == hash((1, 2)))
print({1: "int", 1.0: "float", True: "bool"})
try:
    hash([1, 2])
except TypeError as e:
    print("TypeError:", e)
