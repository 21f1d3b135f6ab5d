"""Inspect nested API responses with pprint, sets and dict merging."""
from pprint import pformat, pprint

RESPONSE = {
    "status": "ok",
    "meta": {"page": 2, "per_page": 3, "total": 17, "links": {"next": "/items?page=3", "prev": "/items?page=1"}},
    "items": [
        {"id": 101, "name": "alpha", "tags": ["new", "sale"], "price": 9.99, "dims": (10, 20, 5)},
        {"id": 102, "name": "beta", "tags": [], "price": 19.5, "dims": (1, 1, 1)},
        {"id": 103, "name": "gamma", "tags": ["clearance"], "price": 0.5, "dims": None},
    ],
}


def main():
    pprint(RESPONSE)
    pprint(RESPONSE, width=60, sort_dicts=False)
    pprint(RESPONSE["meta"], depth=1)
    print(pformat(list(range(30)), compact=True, width=50))
    print(pformat({"b": 1, "a": [1, 2], "c": {"z": None, "y": True}}))
    ids = {item["id"] for item in RESPONSE["items"]}
    wanted = {100, 101, 103, 104}
    print(ids, wanted & ids, wanted - ids, ids ^ wanted, sorted(ids | wanted), frozenset({3, 1, 2}))
    print({5, 3, 1, 4}, set(), {-1, 10, 2}, {(1, 2), (0, 1)}, set("aaa"))
    defaults = {"timeout": 30, "retries": 3, "verbose": False}
    overrides = {"retries": 5, "verbose": True, "proxy": None}
    merged = defaults | overrides
    print(merged, {**overrides, **defaults})
    defaults |= {"timeout": 60}
    print(defaults, dict.fromkeys(["x", "y"], 0), merged.popitem(), merged)
    nested = {"a": {"b": {"c": {"d": [1, {"e": "deep"}]}}}}
    print(nested["a"]["b"]["c"]["d"][1]["e"], pformat(nested, width=20))
    pprint([{"k": i, "v": "x" * i} for i in range(1, 6)], width=40)
    pprint(("tuple", ["with", "list"], {"and": "dict"}), indent=4, width=30)
    long_str = "word " * 20
    pprint({"text": long_str.strip(), "n": 1})


if __name__ == "__main__":
    main()
