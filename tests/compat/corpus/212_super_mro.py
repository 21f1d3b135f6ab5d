# Cooperative multiple inheritance with super() and the MRO.
class Base:
    def __init__(self, **kwargs):
        print("Base.__init__", kwargs)
        super().__init__()

    def greet(self):
        return ["Base"]


class Left(Base):
    def __init__(self, left=0, **kwargs):
        print("Left.__init__ left =", left)
        self.left = left
        super().__init__(**kwargs)

    def greet(self):
        return ["Left"] + super().greet()


class Right(Base):
    def __init__(self, right=0, **kwargs):
        print("Right.__init__ right =", right)
        self.right = right
        super().__init__(**kwargs)

    def greet(self):
        return ["Right"] + super().greet()


class Diamond(Left, Right):
    def __init__(self, **kwargs):
        print("Diamond.__init__")
        super().__init__(**kwargs)

    def greet(self):
        return ["Diamond"] + super().greet()


d = Diamond(left=1, right=2, extra="x")
print(d.greet())
print(" -> ".join(c.__name__ for c in Diamond.__mro__))
print(d.left, d.right)
print(Diamond.mro() == list(Diamond.__mro__))


class Logger:
    def log(self, msg):
        print(f"[{self.__class__.__name__}] {msg}")


class Service(Logger):
    def log(self, msg):
        super().log(msg.upper())


Service().log("started")
print(super(Diamond, d).greet())
print(super(Left, d).greet())
