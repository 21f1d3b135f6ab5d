# Big-integer arithmetic (host/bignum.c: the digit loops of +, -, *, //, %
# on 16-bit digits): output must be identical under CPython 3.11 and mpbox.
# Operands: edge values around the 16-, 32- and 64-bit digit and limb
# boundaries, and pseudo-random ones of many sizes, equal and very unequal,
# both signs.

M61 = (1 << 61) - 1

state = 0x9E3779B97F4A7C15


def rand64():
    global state
    state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
    state ^= state >> 7
    state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
    return state


def rand_bits(n):
    x = 0
    for _ in range((n + 63) // 64):
        x = (x << 64) | rand64()
    return x >> ((64 - n % 64) % 64)


def rand_int(maxbits):
    n = rand64() % (maxbits + 1)
    x = rand_bits(n)
    kind = rand64() % 8
    if kind == 0:  # runs of all-ones digits: carries cross every word
        x = (1 << n) - 1
    elif kind == 1:  # a power of two, give or take one
        x = (1 << n) + (rand64() % 3) - 1
    return -x if rand64() % 2 else x


def digest(h, v):
    return (h * 1000003 + (v % M61)) % M61


def text_digest(h, t):
    # every character, in small-int arithmetic: a change of one character
    # always changes it (16777213 is prime)
    g = len(t)
    for c in t:
        g = (g * 31 + ord(c)) % 16777213
    return digest(h, g)


edges = [0, 1, 2, 3, 0xFFFF, 0x10000, 0x10001, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, 0x100000001,
         (1 << 48) - 1, 1 << 48, (1 << 63) - 1, 1 << 63, (1 << 64) - 1, 1 << 64, (1 << 64) + 1,
         (1 << 96) - 1, (1 << 128) - 1, 1 << 128, (1 << 130) + 12345, (1 << 256) - (1 << 128),
         (1 << 1000) - 1, 3 ** 700, 10 ** 300 + 7]
edges = edges + [-e for e in edges if e]

# every pair of edges: full results, so a difference shows where it is
for a in edges:
    row = []
    for b in edges:
        s = [hex(a + b), hex(a - b), hex(a * b)]
        if b:
            q, r = divmod(a, b)
            s += [hex(q), hex(r), hex(a // b), hex(a % b)]
        row.append(" ".join(x if len(x) < 40 else "%s..%d" % (x[:12], text_digest(0, x)) for x in s))
    print(hex(a)[:40], len(row))
    for line in row:
        print(" ", line)

# random operands, sizes up to 5000 bits, digests per batch
for maxbits in (40, 100, 300, 1000, 5000):
    h = 0
    for _ in range(150):
        a, b = rand_int(maxbits), rand_int(maxbits)
        h = digest(h, a + b)
        h = digest(h, a - b)
        h = digest(h, a * b)
        if b:
            q, r = divmod(a, b)
            assert q * b + r == a and (r == 0 or (r < 0) == (b < 0)) and abs(r) < abs(b)
            h = digest(h, q)
            h = digest(h, r)
    print("random", maxbits, h)

# very unequal sizes: long by short and short by long
h = 0
for _ in range(100):
    a, b = rand_int(6000), rand_int(70)
    h = digest(h, a * b)
    h = digest(h, b * a)
    h = digest(h, a + b)
    h = digest(h, b - a)
    if b:
        h = digest(h, a // b)
        h = digest(h, a % b)
    if a:
        h = digest(h, b // a)
        h = digest(h, b % a)
print("unequal", h)

# quotients whose estimate needs correcting: divisors with a leading digit
# just above a power of two, numerators just below multiples of them
h = 0
for shift in (15, 16, 17, 31, 32, 33, 63, 64, 65, 200):
    for d in ((1 << shift) + 1, (1 << shift) - 1, (3 << shift) + 5, ((1 << shift) - 1) << 40):
        for k in (1, 2, 0xFFFF, 0x10000, (1 << 64) - 1, 3 ** 100):
            n = d * k - 1
            h = digest(h, n // d)
            h = digest(h, n % d)
            h = digest(h, (-n) // d)
            h = digest(h, (-n) % d)
            h = digest(h, n // -d)
print("corrections", h)

# long operands (the host multiplies by Karatsuba above a few thousand
# bits, cutting a long operand into pieces as long as the short one)
h = 0
for bits in (1500, 2600, 5200, 20000, 70000):
    for _ in range(6):
        a, b, c = rand_int(bits), rand_int(bits // 3), rand_int(bits)
        h = digest(h, a * c)
        h = digest(h, a * b)
        h = digest(h, a * a)
        if b:
            h = digest(h, (a * c) // b)
            h = digest(h, (a * c) % b)
print("long", h)
for k in (38, 39, 40, 41, 79, 80, 81, 160, 161):
    for n in (32 * k - 1, 32 * k, 32 * k + 1):
        a = (1 << n) - 1
        b = (1 << (n // 2 + 5)) - 3
        print(k, n, (a * a) % M61, hex(a * a)[-12:], (a * (a + 2)) % M61, (a * b) % M61, ((a * a) // b) % M61)

# in place, same operand, accumulation, shifts, powers, modular pow
x = 1
for i in range(1, 400):
    x = x * i + (x >> 7) - i
x2 = x
x2 *= x2
x2 -= x2 // 3
x2 += x2
print(hex(x % (1 << 100)), len(hex(x)), hex(x2 % M61))
print(x - x, x // x, x % x, (x * x) // x == x, (x * x + 1) % x)
print(hex((7 ** 1000) >> 333), hex((7 ** 1000) << 77 >> 1000))
print(pow(3, 5000, 10 ** 40 + 7), pow(2 ** 300 + 1, 2 ** 70 + 3, 3 ** 150 + 2))

# factorial, Fibonacci, decimal conversions of the results
f = 1
for i in range(2, 800):
    f *= i
a, b = 0, 1
for _ in range(3000):
    a, b = b, a + b
print(f % M61, len(str(f)), a % M61, len(str(a)))
print(int(str(f)) == f, int(str(-a)) == -a, str(f)[:30], str(a)[-30:])

# text of big integers (host/bignum.c: mpz_as_str_inpl) in every base and
# format MicroPython prints them with
import sys
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)  # CPython 3.11 refuses str() of more than 4300 digits
values = [0, 1, -1, 9, 10, 99, 999, 1000, 10 ** 9 - 1, 10 ** 9, 10 ** 9 + 1, 10 ** 18, 10 ** 19 - 1,
          (1 << 31) - 1, 1 << 31, (1 << 32) - 1, 1 << 32, (1 << 64) - 1, 1 << 64, 10 ** 40, -(10 ** 40) + 1,
          (1 << 200) - 1, -(1 << 200), 3 ** 500, 12345678901234567890123456789, -987654321987654321987654321]


def texts(v):
    return [str(v), repr(v), hex(v), oct(v), bin(v),
            "{:,} {:_} {:_x} {:_b} {:#x} {:#X} {:#o} {:x} {:X} {:o}".format(v, v, v, v, v, v, v, v, v, v),
            "%d %x %X %o %5d|%-30d|" % (v, v, v, v, v, v), f"{v:>20} {v:<20} {v:^20} {v:+} {v:020}"]



for v in values:
    for t in texts(v):
        print(t if len(t) < 200 else t[:90] + " .. " + t[-90:])
h = 0
for _ in range(60):
    for t in texts(rand_int(3000)):
        h = text_digest(h, t)
print("random texts", h)
big = [7 ** 20000, -(3 ** 30000), 10 ** 15000, 10 ** 15000 - 1, (1 << 50000) - 1]
h = 0
for v in big:
    s = str(v)
    h = digest(h, len(s))
    h = digest(h, int(s) % M61)
    for t in (s, hex(v), oct(v), bin(v), "{:,}".format(v), "{:_x}".format(v)):
        h = text_digest(h, t)
    print(len(s), s[:20], s[-20:], hex(v)[-20:], "{:,}".format(v)[-24:])
print("text", h)
