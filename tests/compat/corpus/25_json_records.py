# Aggregate nested JSON records from an API response.
import json

RESPONSE = """
{"users": [
  {"id": 1, "name": "Ann", "roles": ["admin", "dev"], "active": true,
   "orders": [{"total": 25.5, "items": 2}, {"total": 100.0, "items": 5}]},
  {"id": 2, "name": "Ben", "roles": ["dev"], "active": false, "orders": []},
  {"id": 3, "name": "Cleo", "roles": ["ops", "dev"], "active": true,
   "orders": [{"total": 12.25, "items": 1}]},
  {"id": 4, "name": "Dan", "roles": [], "active": true,
   "orders": [{"total": 7.75, "items": 1}, {"total": 42.0, "items": 3}, {"total": 3.5, "items": 1}]}
], "page": 1, "next": null}
"""

data = json.loads(RESPONSE)
users = data["users"]
print(f"{len(users)} users, page {data['page']}, next={data['next']}")

summary = []
for u in users:
    totals = [o["total"] for o in u["orders"]]
    summary.append({
        "name": u["name"],
        "orders": len(totals),
        "spent": round(sum(totals), 2),
        "avg": round(sum(totals) / len(totals), 2) if totals else None,
        "active": u["active"],
    })

for s in sorted(summary, key=lambda s: s["spent"], reverse=True):
    print(json.dumps(s))

roles = {}
for u in users:
    for r in u["roles"]:
        roles.setdefault(r, []).append(u["name"])
print(json.dumps(roles, sort_keys=True))
print(json.dumps({"active": [u["id"] for u in users if u["active"]]}, separators=(",", ":")))
report = {"total_spent": sum(s["spent"] for s in summary), "top": summary[0]["name"], "ok": True}
print(json.dumps(report, indent=4))
print(json.dumps(["é", "\n", 1e-7, 10 ** 20, None]))
print(json.dumps({"b": 1, "a": {"d": [], "c": {}}}, sort_keys=True, indent=1))
