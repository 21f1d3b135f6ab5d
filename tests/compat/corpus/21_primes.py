# Number theory: sieve, factorisation, gcd/lcm, perfect numbers.
import math

def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, math.isqrt(limit) + 1):
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
    return [i for i, p in enumerate(is_prime) if p]

primes = sieve(100)
print(f"{len(primes)} primes below 100:", primes)

def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors

for n in [360, 97, 1001, 2 ** 20 - 1, 600851475143]:
    f = factorize(n)
    text = " * ".join(f"{p}^{e}" if e > 1 else str(p) for p, e in sorted(f.items()))
    print(f"{n} = {text}")

print("gcd:", math.gcd(462, 1071), "lcm:", math.lcm(4, 6, 10))
print("lcm 1..20:", math.lcm(*range(1, 21)))
perfect = [n for n in range(2, 10000) if sum(d for d in range(1, n // 2 + 1) if n % d == 0) == n]
print("perfect numbers:", perfect)
twins = [(p, p + 2) for p in primes if p + 2 in primes]
print("twin primes:", twins)
goldbach = {n: next((p, n - p) for p in primes if n - p in primes) for n in range(4, 31, 2)}
print("goldbach:", goldbach)
print("comb/perm:", math.comb(52, 5), math.perm(10, 3), math.factorial(20))
print("digits of 2**100:", len(str(2 ** 100)), sum(int(c) for c in str(2 ** 100)))
collatz = lambda n: 0 if n == 1 else 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)
print("collatz steps 27:", collatz(27))
