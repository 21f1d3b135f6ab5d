# Walrus operator, lambdas, sorted/min/max with key.
import re

data = [4, 17, 9, 22, 3, 12]
if (n := len(data)) > 5:
    print(f"list is long ({n} elements)")
print([y for x in data if (y := x * 2) > 20])
text = "order 66 shipped on day 12"
if m := re.search(r"\d+", text):
    print("first number:", m.group())
chunks = iter(["ab", "cd", "", "ef"])
while (chunk := next(chunks)):
    print("chunk", chunk)

people = [("alice", 31, 5.5), ("bob", 25, 6.1), ("carol", 31, 5.2), ("dave", 19, 5.9)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: p[2]), min(people, key=lambda p: p[2])[0])
print(sorted(["banana", "Apple", "cherry"]), sorted(["banana", "Apple", "cherry"], key=str.lower))
print(sorted("Hello World".split(), key=len, reverse=True))
print(min([], default="empty"), max(3, 7, 5), min("zebra", "apple", key=len))
words = ["bb", "a", "ccc", "dd", "e"]
print(sorted(words, key=len))
add = lambda x, y=10: x + y
print(add(1), add(1, 2), (lambda *a: sum(a))(1, 2, 3))
print(add.__name__, (lambda: 0).__name__)
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print({k: f(6, 3) for k, f in ops.items()})
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1])
print(pairs)
print(list(map(lambda x: x ** 2, filter(lambda x: x % 2, range(10)))))
scores = {"ann": 88, "bob": 95, "cy": 88}
print(max(scores, key=scores.get), sorted(scores, key=lambda k: (scores[k], k)))
print(sorted(scores.items(), key=lambda kv: kv[1], reverse=True))
