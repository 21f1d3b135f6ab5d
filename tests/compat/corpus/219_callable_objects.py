# __call__: objects that behave like functions.
class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return f"call #{self.calls} with {args} {kwargs}"


c = Counter()
print(c(1, 2))
print(c(x=3))
print(callable(c), callable(Counter), callable(42), callable(print))


class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs

    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))

    def __repr__(self):
        terms = [f"{c}x^{i}" if i else str(c) for i, c in enumerate(self.coeffs) if c]
        return " + ".join(terms)


p = Polynomial(1, 0, 3)
print(p, [p(x) for x in range(4)])
print(list(map(p, [0.5, -1])))


class Multiplier:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, value):
        return value * self.factor


double = Multiplier(2)
print(sorted([3, -5, 1], key=Multiplier(-1)))
print(double("ab"), double([0]), double(2.5))
