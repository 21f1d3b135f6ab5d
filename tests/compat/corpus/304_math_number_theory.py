"""Number theory helpers: primes, gcd/lcm, modular arithmetic, combinatorics, base conversion."""
import math
from functools import reduce
from typing import Dict, List


def factorize(n: int) -> Dict[int, int]:
    factors: Dict[int, int] = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def to_base(n: int, base: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if n == 0:
        return "0"
    out: List[str] = []
    neg, n = n < 0, abs(n)
    while n:
        n, r = divmod(n, base)
        out.append(digits[r])
    return ("-" if neg else "") + "".join(reversed(out))


def sieve(limit: int) -> List[int]:
    is_p = bytearray([1]) * (limit + 1)
    is_p[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if is_p[i]:
            is_p[i * i::i] = bytes(len(range(i * i, limit + 1, i)))
    return [i for i, v in enumerate(is_p) if v]


def main():
    for n in [360, 97, 1001, 2**20 - 1, 600851475143]:
        f = factorize(n)
        pretty = " × ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in f.items())
        print(f"{n:>14,} = {pretty}")
    primes = sieve(100)
    print(len(primes), primes[-5:], sum(primes))
    print(math.gcd(84, 36, 120), math.lcm(4, 6, 10), reduce(math.gcd, [48, 180, 66]))
    print(pow(3, 200, 1000), pow(7, -1, 40), pow(2, 10), pow(2.0, -2), (-7) // 2, (-7) % 2, divmod(-7, 2), divmod(7, -2))
    print(math.comb(52, 5), math.perm(10, 3), math.factorial(20), math.prod([1, 2, 3, 4]), math.isqrt(10**20 + 1))
    for n in [255, -42, 0, 36**3]:
        print(n, to_base(n, 2), to_base(n, 16), to_base(n, 36), int(to_base(n, 36), 36) == n, f"{n:b}", hex(n), oct(n))
    print(int("0b1011", 0), int("0x1F", 16), int("777", 8), int("zz", 36), bin(5).count("1"), (255).bit_length(), (-1).bit_length())
    print((1024).to_bytes(2, "big"), int.from_bytes(b"\x00\x10", "little"), (-2).to_bytes(2, "big", signed=True))
    print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), round(-2.5), round(3.14159, 3), round(1234.5, -2), round(1250, -2))
    print(math.hypot(3, 4), math.dist((0, 0), (1, 1)), math.degrees(math.pi), math.radians(180), math.e, math.tau)
    print(math.isclose(0.1 + 0.2, 0.3), math.fsum([0.1] * 10), sum([0.1] * 10), math.copysign(3, -0.0), math.fabs(-3))
    print(2**100, -(2**64) // 3, (10**30) % 97, 10**18 * 10**18, abs(-(2**70)), int(1e20), int(-3.99), float(2**60))
    print(math.inf > 10**300, math.nan == math.nan, math.isnan(float("nan")), 7 / 2, 7 // 2.0, 2 ** -1, 10 ** 20 / 3)
    print(complex(3, 4), abs(complex(3, 4)), (1 + 2j) * (3 - 1j), (1j) ** 2, complex("1+2j").conjugate(), (2 + 0j).real)


if __name__ == "__main__":
    main()
