# Flatten nested records into dotted keys.
def flatten(obj, prefix=""):
    out = {}
    for key, value in obj.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(flatten(value, full))
        else:
            out[full] = value
    return out

record = {
    "user": {"name": "kim", "address": {"city": "Oslo", "zip": "0150"}},
    "active": True,
    "roles": ["admin", "dev"],
    "meta": {"created": "2024-01-02", "score": 7.5},
}
flat = flatten(record)
print(flat)
for k in flat:
    print(k.ljust(20), flat[k])

def unflatten(flat):
    root = {}
    for dotted, value in flat.items():
        node = root
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return root

print(unflatten(flat) == record)
print(unflatten(flat))
