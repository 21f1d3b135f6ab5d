# ast: parse() gives CPython's trees (compared through ast.dump), literal_eval,
# walk, visitors, locations, docstrings.
import ast
SOURCES = [
    "x = a + 2 * b",
    "print('hello', end='')\nfor i in range(3):\n    if i % 2 == 0 and not done:\n        continue\n    else:\n        total += i\n",
    "def f(a, b=1, *args, c, d=2, **kw) -> int:\n    '''doc'''\n    return a if b else -c\n",
    "@decorator(1)\nclass C(Base, metaclass=M):\n    x: int = 5\n    def m(self):\n        pass\n",
    "try:\n    risky()\nexcept (KeyError, ValueError) as e:\n    raise RuntimeError('x') from e\nexcept Exception:\n    pass\nelse:\n    ok = True\nfinally:\n    cleanup()\n",
    "import os.path as p, sys\nfrom ..pkg import (a, b as c)\nfrom x import *\n",
    "with open(f) as fh, lock:\n    data = [l.strip() for l in fh if l]\n",
    "y = {k: v for k, v in items}\nz = {1, 2, *rest}\nw = (x for x in y)\nq = lambda a, *b: a[1:2, ::3]\n",
    "assert x is not None, 'msg'\ndel a[0], b.c\nglobal g\nwhile n > 0:\n    n -= 1\nelse:\n    pass\n",
    "s = f'{name!r:>{width}} and {x + 1} {{lit}}'\nb = b'bytes' rb'raw'\nt = 'a' 'b'\n",
    "if (n := len(a)) > 10: print(n)\nr = x if y else z\nv = a < b <= c != d in e not in f\nu = ~x ** -y // 3 @ m\n",
    "async def main():\n    async with s as t:\n        await t\n    async for i in g():\n        yield i\n    x = yield from other\n",
    "a, *b = c\n[x, y] = 1, 2\nd['k'] += 1\nnums = [*a, *b]\nfn(*args, **kwargs, key=1)\n",
    "x = 1; y = 2\nreturn_value = None\n",
]
EXPRS = ["f(1, y)", "a.b[c](d)", "-4.5", "[1, 2, (3,)]", "{'a': 1, **b}", "x if y else z", "1 + 2j", "not a or b and c"]
for src in SOURCES:
    try:
        print(ast.dump(ast.parse(src)))
    except SyntaxError as e:
        print('SyntaxError')
for e in EXPRS:
    print(ast.dump(ast.parse(e, mode='eval')))
print(ast.dump(ast.parse('x = [1,\n 2]'), include_attributes=True))
print(ast.dump(ast.parse('def f():\n    return 1\n'), indent=2))
for text in ['[1, 2, 3]', "{'a': 1, 'b': (2, 3)}", "'hi'", '-4.5', 'None', '(1,)', '3+4j', '-1-2j',
             "b'x'", 'set()', '{"nested": [True, False, None]}', '  42']:
    print(repr(ast.literal_eval(text)))
for bad in ["__import__('os')", 'a + 1', '1 + 1', 'f()', '[x]']:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print('ValueError', str(e).split(':')[0])
for bad in ['x = = 1', 'def f(:', 'a b']:
    try:
        ast.parse(bad)
    except SyntaxError:
        print('SyntaxError')
tree = ast.parse("import os\n\ndef area(w, h):\n    '''Compute an area.\n\n    More text.\n    '''\n    return w * h\n\nclass Box:\n    def volume(self):\n        return area(1, 2) * 3\n")
print([type(n).__name__ for n in ast.walk(tree)][:12])
print(sorted(n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))))
print(repr(ast.get_docstring(tree.body[1])), ast.get_docstring(tree.body[2]))


class Calls(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Call(self, node):
        self.names.append(node.func.id if isinstance(node.func, ast.Name) else '?')
        self.generic_visit(node)


v = Calls()
v.visit(tree)
print(v.names)


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(value=node.value * 2), node)
        return node


t2 = Double().visit(ast.parse('x = 1 + 2'))
print(ast.dump(t2))
fn = tree.body[1]
print(fn.lineno, fn.col_offset, fn.end_lineno, fn.body[1].lineno, fn.args.args[1].arg)
src = 'total = price * (1 + rate)'
expr = ast.parse(src).body[0].value
print(ast.get_source_segment(src, expr), ast.get_source_segment(src, expr.right))
print([(k, type(v).__name__) for k, v in ast.iter_fields(ast.parse('a', mode='eval').body)])
print(isinstance(expr, ast.expr), isinstance(fn, ast.stmt), issubclass(ast.Add, ast.operator))
n = ast.Name(id='z', ctx=ast.Load())
print(ast.dump(n), ast.dump(ast.fix_missing_locations(ast.Expression(body=n)), include_attributes=True))
