# JSON encode/decode loop: json.dumps/json.loads of nested lists, dicts,
# strings and ints (no floats, whose repr differs), then walking the result.
import json

def make_record(i):
    return {
        "id": i,
        "name": "user%d" % i,
        "tags": ["t%d" % (i % 7), "t%d" % (i % 11), "t%d" % (i % 13)],
        "scores": [(i * k) % 97 for k in range(8)],
        "active": i % 3 == 0,
        "parent": None if i % 5 else i // 5,
        "meta": {"depth": i % 4, "path": "/a/b/%d" % (i % 17)},
    }

total_len = 0
total_score = 0
active = 0
for rep in range(240):
    records = [make_record(rep * 100 + i) for i in range(100)]
    text = json.dumps(records)
    total_len += len(text)
    back = json.loads(text)
    for r in back:
        total_score += sum(r["scores"]) + r["meta"]["depth"]
        if r["active"]:
            active += 1
        if r["parent"] is not None:
            total_score += r["parent"] % 10
print("bytes:", total_len, "score:", total_score, "active:", active)
