# Descriptors: __get__, __set__, __set_name__ for validated attributes.
class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name
        self.private = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        setattr(obj, self.private, value)


class Positive(Typed):
    def __set__(self, obj, value):
        super().__set__(obj, value)
        if value <= 0:
            raise ValueError(f"{self.name} must be positive")


class Product:
    name = Typed(str)
    price = Positive(float)
    qty = Positive(int)

    def __init__(self, name, price, qty):
        self.name = name
        self.price = price
        self.qty = qty


p = Product("Widget", 9.99, 3)
print(p.name, p.price, p.qty)
print(sorted(vars(p).items()))
for bad in [("Widget", "cheap", 1), ("Widget", -1.0, 1), (42, 1.0, 1)]:
    try:
        Product(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(Product.price.name, type(Product.__dict__["qty"]).__name__)


class Lazy:
    def __init__(self, func):
        self.func = func

    def __get__(self, obj, cls):
        if obj is None:
            return self
        value = self.func(obj)
        obj.__dict__[self.func.__name__] = value
        return value


class Report:
    @Lazy
    def data(self):
        print("computing data...")
        return [1, 2, 3]


r = Report()
print(r.data)
print(r.data)
print("data" in vars(r))
