# Compare savings plans with compound interest.
plans = {"basic": 0.02, "plus": 0.035, "premium": 0.05}
deposit = 1000
years = [1, 5, 10, 20]
print("plan".ljust(10) + "".join(f"{y:>12}" for y in years))
for name, rate in plans.items():
    values = [deposit * (1 + rate) ** y for y in years]
    print(name.ljust(10) + "".join(f"{v:>12,.2f}" for v in values))
best = max(plans, key=plans.get)
print("best plan:", best, plans[best])
doubling = {name: next(y for y in range(1, 100) if (1 + r) ** y >= 2) for name, r in plans.items()}
print(doubling)
print(1000 * 1.05 ** 10)
