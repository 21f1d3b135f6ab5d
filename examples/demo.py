# A small program of the kind an agent writes, run inside the sandbox.
import json
import math

orders = [
    {"customer": "ada", "items": 3, "price": 12.5},
    {"customer": "bob", "items": 1, "price": 99.0},
    {"customer": "ada", "items": 2, "price": 7.25},
]

totals = {}
for o in orders:
    totals[o["customer"]] = totals.get(o["customer"], 0) + o["items"] * o["price"]

for name in sorted(totals):
    print("%-5s %8.2f" % (name, totals[name]))

print(json.dumps({"customers": len(totals), "sqrt2": round(math.sqrt(2), 6)}))

try:
    open("/etc/passwd")
except OSError as e:
    print("no host files here:", e)
