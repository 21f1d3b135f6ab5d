# Temperature conversion table and daily weather summary.
readings = {
    "Mon": [12.4, 15.1, 18.9, 14.2],
    "Tue": [10.0, 13.5, 17.25, 12.0],
    "Wed": [8.75, 9.5, 11.0, 9.0],
    "Thu": [14.0, 19.5, 24.25, 20.5],
    "Fri": [16.5, 21.0, 26.75, 22.0],
}

def c_to_f(c):
    return c * 9 / 5 + 32

print(f"{'Celsius':>8} {'Fahrenheit':>11} {'Kelvin':>8}")
for c in range(-20, 41, 10):
    print(f"{c:>8d} {c_to_f(c):>11.1f} {c + 273.15:>8.2f}")

print()
print(f"{'Day':<4} {'Min':>6} {'Max':>6} {'Mean':>7} {'Mean F':>7}")
week = []
for day, temps in readings.items():
    mean = sum(temps) / len(temps)
    week.extend(temps)
    print(f"{day:<4} {min(temps):>6.2f} {max(temps):>6.2f} {mean:>7.3f} {c_to_f(mean):>7.2f}")

print()
print(f"Week mean: {sum(week) / len(week):.2f} C")
hottest = max(readings, key=lambda d: max(readings[d]))
coldest = min(readings, key=lambda d: min(readings[d]))
print(f"Hottest day: {hottest}, coldest day: {coldest}")
swing = {d: round(max(t) - min(t), 2) for d, t in readings.items()}
print("Daily swing:", swing)
print("Rounded means:", [round(sum(t) / len(t), 1) for t in readings.values()])
print("As text:", ", ".join(f"{d}={sum(t) / len(t):.1f}" for d, t in readings.items()))
print("Above 20C:", [(d, t) for d, ts in readings.items() for t in ts if t > 20])
print(f"{0.1 + 0.2:.17f} {1 / 3:.5e} {2 ** 0.5} {100 / 7}")
