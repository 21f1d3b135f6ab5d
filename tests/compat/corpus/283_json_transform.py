"""Flatten nested JSON records, validate fields, and emit a normalized JSON report."""
import json
from typing import Any, Dict, Iterator, Tuple

PAYLOAD = """
[
  {"id": 1, "name": "Ada Lovelace", "email": "ada@example.com", "tags": ["math", "poetry"],
   "address": {"city": "London", "zip": "W1", "geo": {"lat": 51.5074, "lng": -0.1278}}, "score": 98.5, "active": true},
  {"id": 2, "name": "Alan Turing", "email": "alan@example", "tags": [],
   "address": {"city": "Wilmslow", "zip": null}, "score": 87, "active": false},
  {"id": 3, "name": "Grace Hopper", "email": "grace@navy.mil", "tags": ["cobol"],
   "address": {"city": "Arlington"}, "score": null, "active": true, "extra": {"rank": "Rear Admiral"}}
]
"""


def flatten(obj: Any, prefix: str = "") -> Iterator[Tuple[str, Any]]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from flatten(v, f"{prefix}{k}.")
    elif isinstance(obj, list):
        if not obj:
            yield prefix[:-1], []
        for i, v in enumerate(obj):
            yield from flatten(v, f"{prefix}{i}.")
    else:
        yield prefix[:-1], obj


def validate(rec: Dict[str, Any]) -> list:
    problems = []
    if "@" not in rec.get("email", "") or "." not in rec["email"].split("@")[-1]:
        problems.append(f"bad email {rec.get('email')!r}")
    if not isinstance(rec.get("score"), (int, float)):
        problems.append(f"score is {type(rec.get('score')).__name__}")
    if not rec.get("address", {}).get("zip"):
        problems.append("missing zip")
    return problems


def main():
    records = json.loads(PAYLOAD)
    print(type(records).__name__, len(records), [type(v).__name__ for v in records[0].values()])
    flat = [dict(flatten(r)) for r in records]
    for row in flat:
        print(row)
    all_keys = sorted({k for row in flat for k in row})
    print("columns:", all_keys)
    report = {}
    for rec in records:
        issues = validate(rec)
        report[rec["name"]] = {"ok": not issues, "issues": issues}
    print(json.dumps(report, indent=2))
    print(json.dumps(records[0]["address"], separators=(",", ":"), sort_keys=True))
    print(json.dumps({"text": "naïve café", "n": 1e20, "small": 1.5e-7, "t": (1, 2)}))
    print(json.dumps({"text": "naïve café"}, ensure_ascii=False))
    scores = [r["score"] for r in records if r["score"] is not None]
    summary = {"mean": sum(scores) / len(scores), "max": max(scores), "n": len(scores), "none": None, "flag": True}
    print(json.dumps(summary))
    try:
        json.dumps({"when": {1, 2}})
    except TypeError as e:
        print("TypeError:", e)
    print(json.loads('{"a": 1, "a": 2, "b": [1.0, 2.50, -0.0, 1E3]}'))
    print(json.dumps("line\nbreak\t\"quoted\" \\ /"), json.dumps(float("inf")), json.loads("NaN"))
    print(json.dumps([{"k": i, "sq": i * i} for i in range(3)], indent="\t").count("\t"))


if __name__ == "__main__":
    main()
