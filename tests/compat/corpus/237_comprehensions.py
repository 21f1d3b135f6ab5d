# Comprehensions: list, dict, set, nested, conditional, generator expressions.
words = ["apple", "Banana", "cherry", "date", "Elderberry", "fig", "apple"]
print([w.lower() for w in words if len(w) > 4])
print({w: len(w) for w in words})
print(sorted({w[0].lower() for w in words}))
print([(i, j) for i in range(3) for j in range(i)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
print(["even" if n % 2 == 0 else "odd" for n in range(5)])
print({k: v for k, v in sorted({"b": 2, "a": 1, "c": 3}.items(), key=lambda kv: -kv[1])})
print(sum(x * x for x in range(10)), max(len(w) for w in words))
inverted = {v: k for k, v in {"one": 1, "two": 2, "uno": 1}.items()}
print(inverted)
print([c * n for c, n in zip("abc", [1, 2, 3])])
print(dict.fromkeys("hello", 0))
x = "outer"
result = [x for x in range(3)]
print(x, result)
print([y := 5, y ** 2])
grid = {(r, c): r * c for r in range(3) for c in range(3) if r != c}
print(grid)
print(sorted({len(w) for w in words}, reverse=True))
print([[0] * 3 for _ in range(2)])
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
