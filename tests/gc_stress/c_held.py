# Objects that, while a collection runs, only C code of the guest holds:
# a generator feeding join, the list sorted() builds and its keys, a
# comprehension's pieces, arguments of a call in progress, locals of deep
# recursion, big-integer temporaries, exceptions being raised.
j = '-'.join(str(i) * 3 for i in range(300))
t = sorted([str(i) for i in range(400)], key=lambda v: (v[-1], str(len(v)) * 2, v))
d = {str(i): [i, str(i * 2)] for i in range(300)}
m = list(map(lambda v: (v, str(v) * 2), range(200)))


def deep(n):
    a = [n, str(n) * 4]
    b = {'k': a, 'n': str(n)}
    r = deep(n - 1) if n else sum(len(str(i)) for i in range(500))
    return r + len(b['k'][1]) + len(b['n'])


f = '%s|%s|%r' % (str(7) * 5, [str(8)] * 2, {'a': str(9) * 3})
big = 1
for i in range(1, 120):
    big = big * i + (i << 40)
errs = []
for i in range(100):
    try:
        raise ValueError('bad %d' % i, [str(i)] * 3)
    except ValueError as e:
        errs.append(e.args[1][2] + e.args[0])
print(len(j), j[:12], j[-12:])
print(t[:4], t[-3:])
print(len(d), d['299'], sum(v[0] for v in d.values()))
print(m[199], len(m))
print(deep(150))
print(f)
print(big % 1000000007, len(str(big)))
print(errs[0], errs[-1], len(errs))
