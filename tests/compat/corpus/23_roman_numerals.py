# Roman numerals both ways, with validation.
VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

def to_roman(n):
    if not 0 < n < 4000:
        raise ValueError(f"{n} out of range")
    out = []
    for value, numeral in VALUES:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)

SYMBOLS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

def from_roman(s):
    total = 0
    for i, ch in enumerate(s):
        v = SYMBOLS[ch]
        if i + 1 < len(s) and SYMBOLS[s[i + 1]] > v:
            total -= v
        else:
            total += v
    if to_roman(total) != s:
        raise ValueError(f"not canonical: {s}")
    return total

for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(f"{n:>5} -> {r:<12} -> {from_roman(r)}")

for bad in ["IIII", "VX", "MMMM", "ABC"]:
    try:
        print(bad, from_roman(bad))
    except KeyError as e:
        print(bad, "unknown symbol", e)
    except ValueError as e:
        print(bad, "invalid:", e)

print(sum(from_roman(r) for r in ["XII", "XXX", "MCM"]))
longest = max(range(1, 4000), key=lambda n: (len(to_roman(n)), n))
print("longest numeral:", longest, to_roman(longest))
