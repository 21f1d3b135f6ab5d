# Sieve of Eratosthenes, repeated: list indexing and slice assignment-free
# inner loops over integers.
def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = False
                j += i
        i += 1
    return flags

total = 0
last = 0
for rep in range(4):
    flags = sieve(500000 + rep)
    count = 0
    for k in range(len(flags)):
        if flags[k]:
            count += 1
            last = k
    total += count
print("primes:", total, "last:", last)
