# Join and aggregate two tables in plain Python.
users = [{"id": 1, "name": "ana"}, {"id": 2, "name": "ben"}, {"id": 3, "name": "cid"}]
orders = [{"user": 1, "amount": 30.0}, {"user": 2, "amount": 12.5}, {"user": 1, "amount": 7.25},
          {"user": 4, "amount": 99.0}, {"user": 2, "amount": 0.75}]
by_id = {u["id"]: u for u in users}
joined = [{**o, "name": by_id[o["user"]]["name"]} for o in orders if o["user"] in by_id]
for row in joined:
    print(row)
totals = {}
for row in joined:
    totals[row["name"]] = totals.get(row["name"], 0) + row["amount"]
print(totals)
orphans = [o for o in orders if o["user"] not in by_id]
print("orphans:", orphans)
no_orders = [u["name"] for u in users if u["name"] not in totals]
print("no orders:", no_orders)
print(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
