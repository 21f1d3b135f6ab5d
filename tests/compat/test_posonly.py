# Positional-only parameters (PEP 570) through the source rewriter.
def pos_only(a, b, /, c):
    return a + b + c
def only(x, /):
    return x * 2
def mixed(a, /, b=2, *, c=3):
    return (a, b, c)
class K:
    def m(self, v, /):
        return v
print(pos_only(1, 2, c=3), only(4), mixed(1, c=5), K().m(7), 10 / 2)
def div(a=6 / 3, /):
    return a
print(div())
lam = lambda q: q
print(lam(3), (lambda *a: len(a))(1, 2))


def typed(name: str, count: int = 1, /, *args, sep: str = "-", **kw) -> str:
    return sep.join([name] * count) + str(args) + str(sorted(kw))


print(typed("ab", 3, 9, sep="+", z=1))
