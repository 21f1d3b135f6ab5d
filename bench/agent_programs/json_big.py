# json.dumps / json.loads of a ~4.4 MB structure (agents pass such data
# between tools): 16000 records of ints, strings, lists, nested dicts.
import json

records = []
for i in range(16000):
    records.append({
        "id": i,
        "name": "customer %d" % i,
        "email": "user%d@example.com" % i,
        "tags": ["t%d" % (i % 7), "t%d" % (i % 11), "group-%d" % (i % 13)],
        "orders": [(i * k) % 1009 for k in range(12)],
        "active": i % 3 == 0,
        "manager": None if i % 5 else i // 5,
        "address": {"city": "city%d" % (i % 97), "zip": "%05d" % (i * 37 % 100000)},
    })
text = json.dumps(records)
back = json.loads(text)
total = 0
for r in back:
    total += sum(r["orders"]) + len(r["tags"]) + (r["manager"] or 0)
print("bytes:", len(text), "records:", len(back), "total:", total)
print("same:", back == records)
