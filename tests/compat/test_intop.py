# Operators on small ints and subscripts of lists and tuples (guest/intop:
# answered in the guest before mp_binary_op's and mp_obj_subscr's
# trampoline): output must be identical under CPython 3.11 and mpbox.
# Operands: the edges of the guest's 31-bit small ints (+-2**30), of 32
# bits, zero and +-1, shifts by 0 to 40 and negative counts, zero
# divisors, and objects that are not small ints (bools, big ints, floats,
# None, sequences) on either side and an int subclass on the left; every
# result is printed with its type.

EDGE = [0, 1, -1, 2, -2, 3, -7, 7, 100, -100, 255, 2**15, -(2**15), 2**29, -(2**29),
        2**30 - 1, -(2**30), 2**30, -(2**30) - 1, 2**31 - 1, -(2**31), 2**31, 2**40]
COUNTS = [0, 1, 2, 5, 29, 30, 31, 32, 33, 40, -1]


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__)
        return
    print(label, type(r).__name__, r)


ops = [
    ("<", lambda a, b: a < b), (">", lambda a, b: a > b), ("==", lambda a, b: a == b),
    ("<=", lambda a, b: a <= b), (">=", lambda a, b: a >= b), ("!=", lambda a, b: a != b),
    ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b), ("&", lambda a, b: a & b),
    ("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
    ("//", lambda a, b: a // b), ("%", lambda a, b: a % b), ("/", lambda a, b: a / b),
    ("**", lambda a, b: a ** b if -3 <= b <= 3 else 0),
]

for a in EDGE:
    for b in EDGE:
        for name, f in ops:
            show("%d %s %d" % (a, name, b), lambda: f(a, b))

for a in EDGE:
    for n in COUNTS:
        show("%d << %d" % (a, n), lambda: a << n)
        show("%d >> %d" % (a, n), lambda: a >> n)

# the in-place forms, in a loop as programs write them
for a in EDGE:
    for b in [1, -1, 3, -3, 2**30 - 1, -(2**30)]:
        x = a
        x += b
        y = a
        y -= b
        z = a
        z *= b
        w = a
        w //= b
        m = a
        m %= b
        o = a
        o |= b
        p = a
        p ^= b
        q = a
        q &= b
        s = a
        s <<= 3
        r = a
        r >>= 3
        print(a, b, x, y, z, w, m, o, p, q, s, r)

# accumulations that leave the small-int range and come back
t = 0
for i in range(1, 200):
    t = t * 3 + i
    t = t - (t // 7) * 6
print(t, t % 1000003, -t // 13, (-t) % 13)
k = 1
for i in range(70):
    k = k + k
print(k, k - k, type(k - k).__name__)


class I(int):
    def __add__(self, other):
        return "I.add"

    def __lt__(self, other):
        return "I.lt"


others = [True, False, 2**70, -(2**70), 1.5, -0.0, None, "s", (1,), [2]]
for a in [0, 1, 5, -1000]:
    for b in others:
        for name, f in ops:
            show("%r %s %r" % (a, name, b), lambda: f(a, b))
            show("%r %s %r" % (b, name, a), lambda: f(b, a))

print(I(5) + 1, I(5) < 1, I(5) - 1, I(5) * 2, I(5) & 4)

# identity: any two objects, the same or equal ones
objs = [None, True, 0, 1, 2**40, 2**40, "", (), [], 1.0]
for a in objs:
    for b in objs:
        print(a is b, a is not b, a is a)
big = 2**40
same = big
print(big is same, big is not same)

# subscripts: lists and tuples, negative indices, the edges, and the rest
lst = [10, 20, 30, 40]
tup = (1, "b", None, 3.5)
for seq in [lst, tup, [], (), [None], "abcd", b"abcd", bytearray(b"xyz"), range(5), {0: "a", -1: "b"}]:
    for i in [0, 1, 3, 4, -1, -4, -5, 2**30 - 1, -(2**30), True, False, 1.0, slice(1, 3)]:
        show("%r[%r]" % (seq, i), lambda: seq[i])


class L(list):
    def __getitem__(self, i):
        return ("L", i)


class T(tuple):
    pass


print(L([1, 2])[0], T((7, 8))[-1], T((7, 8))[0])
grid = [[r * 10 + c for c in range(5)] for r in range(5)]
acc = 0
for r in range(5):
    for c in range(5):
        acc += grid[r][c] * grid[c][r] - grid[-r - 1][-c - 1]
print(acc)
lst[2] = 99
lst[-1] += 1
print(lst, lst[2], lst[-1])


def store(seq, i, v):
    try:
        seq[i] = v
        return seq
    except Exception as e:
        return type(e).__name__


class S(list):
    def __setitem__(self, i, v):
        list.__setitem__(self, i, v * 2)


for i in [0, 3, -1, -4, 4, -5, 2**30 - 1, -(2**30), True, 1.0]:
    print(i, store([1, 2, 3, 4], i, "x"), store((1, 2), i, 0), store(S([1, 2, 3, 4]), i, 5),
          store(bytearray(b"abcd"), i, 65), store({}, i, 1))
perm = list(range(10))
for k in range(1000):
    i, j = k % 10, (k * 7) % 10
    perm[i], perm[j] = perm[j], perm[i]
    perm[-1 - i] = (perm[i] + perm[-1 - j] - perm[j]) % 1000
print(perm)
