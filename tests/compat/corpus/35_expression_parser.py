# A tokenizer and recursive-descent evaluator for arithmetic expressions.
import re

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|(\*\*|[-+*/%()^])|([a-z]+))")

def tokenize(text):
    pos = 0
    tokens = []
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"unexpected character {text[pos]!r} at {pos}")
        number, op, name = m.groups()
        if number:
            tokens.append(("num", float(number) if "." in number else int(number)))
        elif op:
            tokens.append(("op", op))
        else:
            tokens.append(("name", name))
        pos = m.end()
    return tokens

class Parser:
    def __init__(self, tokens, env):
        self.tokens = tokens
        self.i = 0
        self.env = env
    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)
    def take(self):
        tok = self.peek()
        self.i += 1
        return tok
    def expr(self):
        value = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            value = value + self.term() if op == "+" else value - self.term()
        return value
    def term(self):
        value = self.power()
        while self.peek()[1] in ("*", "/", "%"):
            op = self.take()[1]
            rhs = self.power()
            value = value * rhs if op == "*" else value / rhs if op == "/" else value % rhs
        return value
    def power(self):
        base = self.unary()
        if self.peek()[1] in ("**", "^"):
            self.take()
            return base ** self.power()
        return base

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return -self.unary()
        kind, val = self.take()
        if kind == "num":
            return val
        if kind == "name":
            return self.env[val]
        if val == "(":
            v = self.expr()
            self.take()
            return v
        raise SyntaxError(f"unexpected token {val!r}")

env = {"x": 3, "rate": 0.5}
for text in ["1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "-x ^ 2", "10 / 4 - rate", "17 % 5 * x", "2 * (3 + ", "4 $ 2", "y + 1"]:
    try:
        print(f"{text:<14} = {Parser(tokenize(text), env).expr()}")
    except SyntaxError as e:
        print(f"{text:<14} ! syntax: {e}")
    except KeyError as e:
        print(f"{text:<14} ! unknown name {e}")
    except TypeError as e:
        print(f"{text:<14} ! incomplete")
print(tokenize("3.5*(x+12)"))
