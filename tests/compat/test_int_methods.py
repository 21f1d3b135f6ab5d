# int methods grafted into the built-in int type, format() and three-argument
# pow() with a negative exponent (lib/python/_mpbox_types.py).
for n in (0, 1, -1, 5, 255, 256, -256, 2 ** 31 - 1, 2 ** 31, 2 ** 64 + 1, -(2 ** 100), 10 ** 30):
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), n.to_bytes(16, 'big', signed=True))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\x01\x00', 'little'))
print(pow(3, -1, 7), pow(38, -1, 97), pow(2, -3, 11), pow(3, 4, 5), pow(2, 10), pow(2, -1), pow(2.0, 0.5), pow(-8, 1, 5))
for bad in ((2, -1, 4), (3, -1, 0)):
    try:
        print(pow(*bad))
    except ValueError as e:
        print('ValueError', e)
print(format(1234567, ','), format(255, '#x'), format(42, '08b'), format(3.14159, '.2f'), format(0.25, '%'),
      format('abc', '>6'), format(12), format(1e16), format(True), format(None), format([1, 2]))
try:
    format(1, 5)
except TypeError as e:
    print('TypeError', e)
print(int.from_bytes(b'\xff\xfe', 'big', signed=True), int.from_bytes(bytearray(b'\x80'), 'little', signed=True),
      int.from_bytes([1, 2], 'little'), (-2).to_bytes(2, 'little', signed=True), (1024).to_bytes(2, byteorder='big'),
      (5).to_bytes(), bool.from_bytes(b'\x01', 'big') if hasattr(bool, 'from_bytes') else True)
for bad in (lambda: (-1).to_bytes(2, 'big'), lambda: (256).to_bytes(1, 'big'), lambda: (128).to_bytes(1, 'big', signed=True),
            lambda: (1).to_bytes(1, 'middle')):
    try:
        print(bad())
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
# big ints: around the small/big boundary, and one of 800000 bits (bin()
# of it took 15 s in the guest; the run's limit catches a slow path again)
for k in (61, 62, 63, 64, 124, 125, 1000):
    for n in (1 << k, (1 << k) - 1, (1 << k) + 1, -(1 << k), -(1 << k) + 1):
        print(k, n.bit_length(), n.bit_count())
big = int.from_bytes(b'\xa5' * 100000, 'big')
print(big.bit_length(), big.bit_count(), (-big).bit_length(), (big + 1).bit_count(), (big << 7).bit_length())
