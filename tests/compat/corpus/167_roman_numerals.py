ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(n: int) -> str:
    if not isinstance(n, int):
        raise TypeError(f"expected int, got {type(n).__name__}")
    if not 0 < n < 4000:
        raise ValueError(f"{n} out of range (1..3999)")
    out = []
    for value, sym in ROMAN:
        q, n = divmod(n, value)
        out.append(sym * q)
    return "".join(out)


def from_roman(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va = values[a]
        if b != " " and va < values[b]:
            total -= va
        else:
            total += va
    if to_roman(total) != s:
        raise ValueError(f"non-canonical numeral {s!r}")
    return total


for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(f"{n:>5} = {r:<12} -> {from_roman(r)}")

for bad in [0, 4000, 3.5, "12"]:
    try:
        to_roman(bad)
    except (TypeError, ValueError) as e:
        print(f"{bad!r}: {type(e).__name__}: {e}")
for s in ["IIII", "MCMXCIV", "IC"]:
    try:
        print(s, from_roman(s))
    except ValueError as e:
        print("error:", e)
    except KeyError as e:
        print("KeyError", e)
print(sum(from_roman(to_roman(i)) == i for i in range(1, 4000)))
print(max(range(1, 4000), key=lambda i: len(to_roman(i))), to_roman(3888))
