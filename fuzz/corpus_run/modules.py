import gc, random, json, re
random.seed()
print(json.dumps({"a": [1, 2.5, None]}), re.match("a+", "aaa"))
gc.collect()
