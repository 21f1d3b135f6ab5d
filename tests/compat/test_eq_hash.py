# A class that defines __eq__ and not __hash__ has __hash__ = None: its
# instances are unhashable (CPython's rule); defining both keeps them hashable.
class NoHash:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, NoHash) and self.v == other.v


class WithHash(NoHash):
    def __hash__(self):
        return hash(self.v)


class Inherits(NoHash):
    pass


class Plain:
    pass


print(NoHash.__hash__ is None, Inherits.__hash__ is None, WithHash.__hash__ is None)
for make in (lambda: {NoHash(1)}, lambda: {NoHash(1): 1}, lambda: hash(Inherits(2))):
    try:
        make()
        print("hashable")
    except TypeError:
        print("TypeError")
print(len({WithHash(1), WithHash(1), WithHash(2)}), NoHash(1) == NoHash(1), NoHash(1) != NoHash(2))
print(len({Plain(), Plain()}), hash(Plain()) is not None)


class Explicit:
    def __init__(self, k=0):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Explicit) and self.k == other.k

    __hash__ = object.__hash__


print(len({Explicit(1), Explicit(2)}))
e = Explicit()
print(hash(e) == object.__hash__(e), hash(e) == Explicit.__hash__(e), callable(Plain.__hash__))
p = Plain()
print(Plain.__hash__(p) == hash(p))
