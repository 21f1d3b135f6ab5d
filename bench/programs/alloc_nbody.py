# Allocation-heavy: n-body with boxed floats, 50k steps (issue 11). Every
# float operation allocates; nothing survives a step but five bodies.
import math
PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24

def bodies():
    return [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS],
        [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
         -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS],
        [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
         2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS],
        [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
         -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS],
        [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
         -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS],
    ]

def energy(bs):
    e = 0.0
    for i, b in enumerate(bs):
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
        for c in bs[i + 1:]:
            dx, dy, dz = b[0] - c[0], b[1] - c[1], b[2] - c[2]
            e -= b[6] * c[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e

def step(bs, dt):
    for i, b in enumerate(bs):
        for c in bs[i + 1:]:
            dx, dy, dz = b[0] - c[0], b[1] - c[1], b[2] - c[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * math.sqrt(d2))
            bm, cm = b[6] * mag, c[6] * mag
            b[3] -= dx * cm; b[4] -= dy * cm; b[5] -= dz * cm
            c[3] += dx * bm; c[4] += dy * bm; c[5] += dz * bm
    for b in bs:
        b[0] += dt * b[3]; b[1] += dt * b[4]; b[2] += dt * b[5]

bs = bodies()
px = sum(b[3] * b[6] for b in bs); py = sum(b[4] * b[6] for b in bs); pz = sum(b[5] * b[6] for b in bs)
bs[0][3], bs[0][4], bs[0][5] = -px / SOLAR_MASS, -py / SOLAR_MASS, -pz / SOLAR_MASS
print("%.9f" % energy(bs))
for _ in range(50_000):
    step(bs, 0.01)
print("%.9f" % energy(bs))
