# JSON: parse an API response, transform it, dump it back.
import json

raw = '''{"status": "ok", "page": 2, "results": [
  {"id": 17, "title": "Widget", "price": 9.5, "tags": ["tools", "home"]},
  {"id": 4, "title": "Gadget", "price": 24.0, "tags": []},
  {"id": 9, "title": "Doohickey", "price": 3.25, "tags": ["misc"]}
], "next": null}'''

data = json.loads(raw)
print(list(data))
print(data["results"][0])
for item in data["results"]:
    item["price_cents"] = int(item["price"] * 100)
    item["tag_count"] = len(item.pop("tags"))
print(json.dumps(data["results"][1]))
print(json.dumps(data, indent=2))
summary = {"count": len(data["results"]), "ids": [r["id"] for r in data["results"]],
           "total": sum(r["price"] for r in data["results"])}
print(json.dumps(summary, separators=(",", ":")))
