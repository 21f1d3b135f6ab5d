# Validate JSON records against a simple schema.
import json
schema = {"id": int, "name": str, "price": float, "tags": list}
docs = '[{"id": 1, "name": "a", "price": 1.5, "tags": []}, {"id": "2", "name": "b", "price": 2, "tags": ["x"]}, {"name": "c"}]'
for i, rec in enumerate(json.loads(docs)):
    errors = []
    for field, typ in schema.items():
        if field not in rec:
            errors.append(f"{field}: missing")
        elif not isinstance(rec[field], typ):
            errors.append(f"{field}: expected {typ.__name__}, got {type(rec[field]).__name__}")
    print(i, "ok" if not errors else errors)
print(json.dumps({"b": 1, "a": [1, 2, {"z": None, "y": True}]}, sort_keys=True, indent=1))
print(json.dumps("ünïcode"), json.dumps("ünïcode", ensure_ascii=False))
try:
    json.loads('{"a": 1,}')
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e.msg, e.pos)
print(json.dumps([1.0, 0.1, 1e20, 3.14159, float(10**6)]))
