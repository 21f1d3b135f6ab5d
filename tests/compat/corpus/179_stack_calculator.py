import operator
import re

OPS = {
    "+": (1, operator.add),
    "-": (1, operator.sub),
    "*": (2, operator.mul),
    "/": (2, operator.truediv),
    "%": (2, operator.mod),
    "^": (3, operator.pow),
}
TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(.))")


class ParseError(Exception):
    pass


def tokenize(expr):
    for number, op in TOKEN.findall(expr):
        if number:
            yield float(number) if "." in number else int(number)
        elif op in OPS or op in "()":
            yield op
        elif op.strip():
            raise ParseError(f"unexpected character {op!r}")


def to_rpn(tokens):
    out, stack = [], []
    for tok in tokens:
        if isinstance(tok, (int, float)):
            out.append(tok)
        elif tok == "(":
            stack.append(tok)
        elif tok == ")":
            while stack and stack[-1] != "(":
                out.append(stack.pop())
            if not stack:
                raise ParseError("unbalanced ')'")
            stack.pop()
        else:
            prec = OPS[tok][0]
            while stack and stack[-1] != "(" and (OPS[stack[-1]][0] > prec or (OPS[stack[-1]][0] == prec and tok != "^")):
                out.append(stack.pop())
            stack.append(tok)
    while stack:
        if stack[-1] == "(":
            raise ParseError("unbalanced '('")
        out.append(stack.pop())
    return out


def evaluate(rpn):
    stack = []
    for tok in rpn:
        if tok in OPS:
            if len(stack) < 2:
                raise ParseError("not enough operands")
            b, a = stack.pop(), stack.pop()
            stack.append(OPS[tok][1](a, b))
        else:
            stack.append(tok)
    if len(stack) != 1:
        raise ParseError("too many operands")
    return stack[0]


for expr in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "10 / 4", "7 % 3 + 0.5", "2 * (3 + 4) * 5 - 1",
             "1 / 0", "(1 + 2", "3 + $", "1 2", "100 - 2.25 * 4"]:
    try:
        rpn = to_rpn(tokenize(expr))
        result = evaluate(rpn)
        print(f"{expr:<22} = {result!r:<8} rpn: {' '.join(map(str, rpn))}")
    except ParseError as e:
        print(f"{expr:<22} ! parse error: {e}")
    except ZeroDivisionError as e:
        print(f"{expr:<22} ! {type(e).__name__}: {e}")
print(eval("2 ** 10 - 24"), 7 // 2, -7 // 2, -7 % 2, divmod(-7, 2), 2 ** -1, 10 ** 20 // 3)
