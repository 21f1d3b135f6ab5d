# int, float and complex arithmetic and how they print.
print(7 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, divmod(-7, 2), divmod(7.5, 2))
print(2 ** 100, 2 ** -1, (-8) ** (1 / 3), pow(3, 4, 5), pow(2, -1, 7))
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, round(0.1 + 0.2, 10))
print(1 / 3, 2 / 3, 10 / 3, 1e300 * 1e10, -1e300 * 1e10, 1e-320, 5e-324)
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234.5678, -2), round(7, -1))
print(int(3.9), int(-3.9), int("  42  "), int("ff", 16), int("0b101", 0), int("1_000"))
print(float("1e3"), float(" -2.5 "), float("inf"), float("-nan"), float(10 ** 20))
print(3.0, 3.10, 1e16, 1.5e-7, 123456789012345678.0, 0.1 * 3, 100.0 / 3)
print(12345678901234567890 * 98765432109876543210)
print((255).bit_length(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"))
print((3.75).as_integer_ratio(), (2.0).is_integer(), (0.5).hex(), float.fromhex("0x1.8p1"))
print(abs(-3), abs(-3.5), abs(3 + 4j), max(1, 2.5), min(-0.0, 0.0))
z = complex(3, 4)
print(z, z.real, z.imag, z.conjugate(), z * 1j, z / 2, abs(z), 1j * 1j)
print(complex("1+2j"), (1 + 2j) ** 2, (2 + 0j) == 2, -1j, 0j, complex(0, -0.0))
print(int.__name__, type(1 + 1.0).__name__, type(2 ** -1).__name__, type(10 // 3.0).__name__)
print(isinstance(True, int), True + 1.5, 10 ** 2 == 100.0, 0 == -0.0)
print(1_000_000, 0x_ff, 0o17, 0b1010, 1e3 == 1000)
print(sum([0.1] * 10), sum([1, 2, 3], 10), sum([[1], [2]], []))
print(f"{2 ** 64:,}", hex(-255), oct(8), bin(-5), hex(2 ** 70))
print(float("0.1").__repr__(), str(1 / 7), 22 / 7, 1 / 8, 2 / 5 * 5)
print(7 // 0.5, 7.0 % 2.5, -0.0, 0.0 * -1, 1e22, 1e23, 123e-20)
try:
    1 // 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    int("3.5")
except ValueError as e:
    print("ValueError:", e)
