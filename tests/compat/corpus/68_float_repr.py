# Float printing as CPython does it.
values = [98.6, 0.1 + 0.2, 1 / 3, 2 / 3, 100.0, 1e16, 1e-5, 123456789.123, 1.5e300, 5e-324,
          0.1 * 3, 3.0 * 1.1, 2.675, 1e22, 12345.6789e10]
for v in values:
    print(v, repr(v), str(v))
print(round(2.675, 2), round(0.125, 2), round(0.375, 2), round(1.005, 2), round(2.5), round(3.5))
print(round(1234.5678, -2), round(-0.5), round(7.0 / 3, 4))
print(float("nan"), float("inf"), -float("inf"))
print(sum([0.1] * 10), 0.1 * 10)
temps = [36.6, 37.2, 38.05, 39.999]
print(temps)
print(sum(temps) / len(temps))
