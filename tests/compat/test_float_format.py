# Floats as CPython prints them: repr() is the shortest string that reads
# back as the same double, format specs give the exact binary value's digits,
# ',' and '_' group float digits, a spec without a type prints repr() digits,
# and round(x, n) rounds the exact value half to even. (host/numfmt.c)


def lcg(state=[2024]):
    # deterministic values without the random module
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0] / 2147483648


print(98.6, 0.1 + 0.2, 1 / 3, 2 ** 0.5, 100.0, 1e16, 1e15, 1e-4, 1e-5)
print(5e-324, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308, 1e22, 1e300 * 10)
print(-0.0, float('nan'), float('-inf'), 123456789012345678.0, 0.000012345)
print([1.1, 2.2, 3.3], {'price': 19.99}, (0.1 * 3,), str(4.35 * 100), repr(9.95 * 10))
print(complex(1, 2), 1.5j, complex(1e16, -0.1), complex(0.1, 0.2), 2 - 1j)

specs = ['', '.2f', '.3e', 'g', '.10g', ',.2f', '_.1f', '>12', '<12.3', '^15,', '+.4f', ' .2e',
         '010.3f', '.0f', '#.0f', '.5', '%', '.1%', 'E', 'G', 'F', '012,.2f', '.17g', '.20f', ',',
         '=+10.2f', '08.2f', '*^14.3f', '.3', '.1', '#g', 'n']
values = [0.0, -0.0, 1.0, 0.1, 0.5, 1.5, 2.5, 2.675, 1e16, 1e15, 1e-4, 1e-5, 123456.789, 1e22,
          1e-300, 5e-324, 98.6, 0.1 + 0.2, 1 / 3, 100.0, 9.995, 0.125, 1234567.0, 12345678.9,
          -1234.5, 99.99, float('inf'), float('nan')]
for i in range(60):
    values.append(lcg() * 10.0 ** (int(lcg() * 61) - 30))
for v in values:
    print(repr(v), str(-v), '%.3f|%g|%e|%s|%r|%10.4f|%-8.2f|%+.1e|%08.3f' % (v, v, v, v, v, v, v, v, v))
    print(' '.join('[' + format(v, s) + ']' for s in specs))
    print(f'{v}|{v:>10}|{v:,.2f}|{v:.2%}|{v!r:>25}', '{0:.3g} {0:_.3f}'.format(v))

# rounding
for v in [2.675, 0.125, 0.375, 1.005, 2.5, 0.5, 1234.5678, -2.675, 5e-324, -0.0,
          123456789.987654321, 1.23456789e-5, 250.0, 150.0, 50.0, 49.9, 999.9999]:
    print(v, [round(v, n) for n in (-3, -2, -1, 0, 1, 2, 3, 10, 400)], round(v))
print(round(float('inf'), 2), round(2.5), round(3.5), round(-2.5), round(7, 2), round(1250, -2))

# what agents print
total = sum([19.99, 5.01, 3.5])
print(f'Total: ${total:,.2f}', f'{1234567.891:,.2f}', f'{0.4567:.1%}', f'{1234567:,}', f'{1e6:,.0f}')
print(f'{"item":<10}{"price":>10}')
for name, price in [('apple', 1.25), ('melon', 12345.5), ('tea', 7.0), ('saffron', 1234567.125)]:
    print(f'{name:<10}{price:>10}', f'{price:>12,.2f}', f'{price:e}')
print('%.2f %5.1f%% %e %g %G' % (2.675, 45.678, 1.0, 1e-5, 1e20))
print(sum([0.1] * 10), 3 * 0.1, 1.1 + 2.2, 100 * 1.1, 0.1 * 3 == 0.3)

# doubles from random bit patterns (normal, subnormal, huge), through struct
import struct
state = [99991]
for i in range(3000):
    state[0] = (state[0] * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    x = struct.unpack('<d', struct.pack('<Q', state[0]))[0]
    print(repr(x), end=' ' if i % 8 != 7 else '\n')
