# Spectral norm (the Computer Language Benchmarks Game): float arithmetic,
# integer arithmetic in a tight function, list building.
def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)

def mul_av(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * v[j]
        out.append(s)
    return out

def mul_atv(v, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * v[j]
        out.append(s)
    return out

def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)

n = 180
u = [1.0] * n
for _ in range(10):
    v = mul_atav(u, n)
    u = mul_atav(v, n)
vbv = 0.0
vv = 0.0
for i in range(n):
    vbv += u[i] * v[i]
    vv += v[i] * v[i]
print("%.9f" % ((vbv / vv) ** 0.5))
