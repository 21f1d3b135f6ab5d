# Integer helpers: bits, bytes, ratios.
for n in [0, 1, 5, 255, 256, 1023, -8, 2**40]:
    print(n, n.bit_length(), bin(n), n.bit_count() if hasattr(n, "bit_count") else "-")
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((-5).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfb", "big", signed=True))
print((3.75).as_integer_ratio(), (0.1).as_integer_ratio(), (10).as_integer_ratio())
print((2.0).is_integer(), (2.5).is_integer())
print((3 + 4j).conjugate(), (7).conjugate(), abs(3 + 4j))
print(pow(3, -1, 7), pow(10, -1, 17), pow(2, 100, 1000))
print(divmod(-7, 2), -7 // 2, -7 % 2, 7 % -2)
print(int("ff", 16), int("0b101", 0), int("  42  "), int("1_000"))
print((255).__format__("x"), (10).real, (10).imag, (10).numerator, (10).denominator)
