# Less common dunders: __index__, __int__, __float__, __round__, __hash__ on frozen, __missing__, __neg__.
class Level:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n

    def __int__(self):
        return self.n

    def __float__(self):
        return self.n + 0.5

    def __round__(self, ndigits=None):
        return Level(round(self.n, ndigits) if ndigits else self.n)

    def __repr__(self):
        return f"Level({self.n})"


lv = Level(3)
print([10, 20, 30, 40][lv], bin(lv), hex(lv), int(lv), float(lv), round(lv))
print("ab" * lv, range(lv), list(range(10))[lv:])


class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = value = key.upper()
        return value


dd = DefaultDict(a="x")
print(dd["a"], dd["b"], dd, dd.get("c"))


class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, pos):
        r, c = pos
        return self.rows[r][c]

    def __setitem__(self, pos, value):
        r, c = pos
        self.rows[r][c] = value

    def __eq__(self, other):
        return self.rows == other.rows

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __str__(self):
        return "\n".join(" ".join(f"{v:3}" for v in row) for row in self.rows)


m = Matrix([[1, 2], [3, 4]])
m[0, 1] = 20
print(m[0, 1], m[1, 0], len(m))
print(m)
print(m == Matrix([[1, 20], [3, 4]]), m != Matrix([[0]]))
print([sum(row) for row in m])


class Temperature:
    def __init__(self, deg):
        self.deg = deg

    def __lt__(self, other):
        return self.deg < other.deg

    def __neg__(self):
        return Temperature(-self.deg)

    def __pos__(self):
        return self

    def __invert__(self):
        return Temperature(self.deg * 2)

    def __repr__(self):
        return f"{self.deg}°"


temps = [Temperature(5), Temperature(-3), Temperature(12)]
print(sorted(temps), min(temps), -temps[0], +temps[1], ~temps[2])
