# Safely parse literals and inspect expressions with ast.
import ast
for text in ["[1, 2, 3]", "{'a': 1, 'b': (2, 3)}", "'hi'", "-4.5", "None", "{1, 2}"]:
    print(repr(ast.literal_eval(text)))
try:
    ast.literal_eval("__import__('os')")
except ValueError as exc:
    print("rejected:", type(exc).__name__)
tree = ast.parse("x = a + 2 * b", mode="exec")
names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
print(names)
expr = ast.parse("f(1, y)", mode="eval")
print(type(expr.body).__name__, expr.body.func.id, len(expr.body.args))
