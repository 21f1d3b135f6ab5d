# Toy RSA with modular inverses.
def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y

p, q = 61, 53
n = p * q
phi = (p - 1) * (q - 1)
e = 17
d = pow(e, -1, phi)
g, x, _ = egcd(e, phi)
print(n, phi, d, x % phi == d, g)
message = [72, 105, 33]
cipher = [pow(m, e, n) for m in message]
print(cipher)
print([pow(c, d, n) for c in cipher])
try:
    pow(6, -1, 9)
except ValueError as exc:
    print("ValueError:", exc)
print(pow(2, 10), pow(2, -1), pow(-2, 3))
