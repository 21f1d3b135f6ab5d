# Number bases and bit manipulation.
values = [0, 1, 5, 10, 255, 256, 1023, 65535, -7]
print(f"{'n':>6} {'bin':>20} {'oct':>8} {'hex':>7} {'bits':>4} {'ones':>4}")
for n in values:
    print(f"{n:>6} {bin(n):>20} {oct(n):>8} {hex(n):>7} {n.bit_length():>4} {bin(n).count('1'):>4}")

print(int("ff", 16), int("0o17", 8), int("101101", 2), int("z", 36), int("0x1F", 16))
print(f"{200:08b} {200:#010b} {3054:x} {3054:X} {3054:#o}")

def to_base(n, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return sign + "".join(reversed(out))

print([to_base(1000, b) for b in (2, 3, 7, 16, 36)], to_base(-255, 16))
flags = {"read": 4, "write": 2, "exec": 1}
perm = 0o754
for who, shift in (("user", 6), ("group", 3), ("other", 0)):
    bits = (perm >> shift) & 7
    print(who, "".join(name[0] if bits & v else "-" for name, v in flags.items()))
x = 0b1011_0110
print(x & 0x0F, x | 0x01, x ^ 0xFF, x << 3, x >> 2, ~x)
print("power of two:", [n for n in range(1, 70) if n & (n - 1) == 0])
print("gray code:", [n ^ (n >> 1) for n in range(8)])
print((1234).to_bytes(2, "big"), int.from_bytes(b"\x04\xd2", "big"), (258).to_bytes(2, "little"))
print("popcount table:", [bin(i).count("1") for i in range(16)])
print(2 ** 64 - 1, hex(2 ** 64 - 1), (2 ** 64 - 1).bit_length())
