# Check balanced brackets and evaluate RPN with a stack.
from collections import deque
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(s):
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return f"mismatch at {i}"
    return "ok" if not stack else f"unclosed {stack}"
for s in ["(a[b]{c})", "(]", "((", "{[()()]}", ""]:
    print(repr(s), balanced(s))
def rpn(expr):
    st = []
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    for tok in expr.split():
        if tok in ops:
            b, a = st.pop(), st.pop()
            st.append(ops[tok](a, b))
        else:
            st.append(float(tok) if "." in tok else int(tok))
    return st[0]
print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("7 2 /"), rpn("1.5 2 *"))
q = deque(maxlen=3)
for i in range(5):
    q.append(i)
print(q, list(q), q.maxlen)
q.appendleft(-1)
print(q)
q.rotate(1)
print(q)
