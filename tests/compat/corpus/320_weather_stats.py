"""Daily weather observations: parse, compute rolling stats, detect streaks and print a monthly summary."""
from collections import defaultdict
from datetime import date, timedelta
from statistics import mean

RAW = """2024-07-01,31.2,22.1,0.0
2024-07-02,33.8,23.5,0.0
2024-07-03,35.1,24.0,0.0
2024-07-04,29.4,21.8,12.4
2024-07-05,27.0,19.9,5.1
2024-07-06,30.6,20.2,0.0
2024-07-07,34.9,23.3,0.0
2024-07-08,36.2,25.7,0.0
2024-07-09,36.8,26.1,0.0
2024-07-10,32.0,22.4,3.3
2024-08-01,30.1,21.0,0.0
2024-08-02,28.7,20.4,8.0"""


def parse(text):
    for line in text.splitlines():
        d, hi, lo, rain = line.split(",")
        yield date.fromisoformat(d), float(hi), float(lo), float(rain)


def streaks(days, predicate):
    best, current, start = (0, None), 0, None
    for d, *vals in days:
        if predicate(*vals):
            current += 1
            start = start or d
            if current > best[0]:
                best = (current, start)
        else:
            current, start = 0, None
    return best


def main():
    obs = list(parse(RAW))
    print(f"{len(obs)} days from {obs[0][0]:%d %b} to {obs[-1][0]:%d %b %Y}")
    print(f"{'date':<10} {'hi':>5} {'lo':>5} {'range':>6} {'3d avg':>7} {'rain':>5}")
    for i, (d, hi, lo, rain) in enumerate(obs):
        window = [o[1] for o in obs[max(0, i - 2):i + 1]]
        flag = " hot" if hi >= 35 else ""
        print(f"{d.isoformat():<10} {hi:>5.1f} {lo:>5.1f} {hi - lo:>6.1f} {mean(window):>7.2f} {rain:>5.1f}{flag}")
    n, start = streaks(obs, lambda hi, lo, rain: hi >= 30)
    print(f"longest run of 30+ days: {n} starting {start}")
    dry = streaks(obs, lambda hi, lo, rain: rain == 0)
    print(f"longest dry spell: {dry[0]} days from {dry[1]:%a %d}")
    by_month = defaultdict(list)
    for d, hi, lo, rain in obs:
        by_month[d.strftime("%B")].append((hi, lo, rain))
    for month, rows in by_month.items():
        his, los, rains = zip(*rows)
        print(f"{month:<7} avg hi {mean(his):.2f}, avg lo {mean(los):.2f}, total rain {sum(rains):.1f} mm, "
              f"rainy days {sum(r > 0 for r in rains)}")
    hottest = max(obs, key=lambda o: o[1])
    coolest_night = min(obs, key=lambda o: o[2])
    print(f"hottest: {hottest[0]} ({hottest[1]}°C); coolest night: {coolest_night[0]} ({coolest_night[2]}°C)")
    gaps = [(a[0], b[0]) for a, b in zip(obs, obs[1:]) if b[0] - a[0] > timedelta(days=1)]
    print("gaps:", [(str(a), str(b), (b - a).days) for a, b in gaps])
    fahrenheit = {str(d): round(hi * 9 / 5 + 32, 1) for d, hi, _, _ in obs[:3]}
    print(fahrenheit)


if __name__ == "__main__":
    main()
