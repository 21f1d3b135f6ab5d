# Load inventory JSON, compute reorder list, emit JSON.
import json
inventory = json.loads("""{
  "warehouse": "north",
  "items": {
    "widget": {"qty": 4, "min": 10, "cost": 2.5},
    "gadget": {"qty": 25, "min": 5, "cost": 12.0},
    "doohickey": {"qty": 0, "min": 3, "cost": 7.75},
    "sprocket": {"qty": 9, "min": 9, "cost": 0.4}
  }
}""")
print(list(inventory["items"]))
reorder = {name: {"order": it["min"] * 2 - it["qty"], "cost": round((it["min"] * 2 - it["qty"]) * it["cost"], 2)}
           for name, it in inventory["items"].items() if it["qty"] <= it["min"]}
print(json.dumps(reorder))
print(json.dumps({"warehouse": inventory["warehouse"], "reorder": reorder,
                  "total": sum(r["cost"] for r in reorder.values())}, indent=4))
value = sum(it["qty"] * it["cost"] for it in inventory["items"].values())
print(f"stock value: {value:.2f}", value)
