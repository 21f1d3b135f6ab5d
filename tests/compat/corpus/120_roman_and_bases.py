# Number conversions: Roman numerals, bases, words.
def to_roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out
for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    print(str(n).rjust(4), to_roman(n).ljust(12), bin(n)[2:].zfill(12), f"{n:o}", f"{n:x}")
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return "".join(reversed(out))
print([to_base(255, b) for b in (2, 3, 7, 16, 36)])
print(int("zz", 36), int(to_base(12345, 7), 7))
