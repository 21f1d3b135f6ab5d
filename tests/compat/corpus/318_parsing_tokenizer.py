"""A tokenizer and recursive-descent parser/evaluator for arithmetic with variables and functions."""
import math
import operator
import re
from dataclasses import dataclass
from typing import Dict, List, Union

TOKEN = re.compile(r"\s*(?:(?P<num>\d+\.?\d*(?:[eE][-+]?\d+)?)|(?P<name>[A-Za-z_]\w*)|(?P<op>\*\*|[-+*/%(),^=]))")


@dataclass
class Tok:
    kind: str
    value: str
    pos: int


class ParseError(Exception):
    def __init__(self, msg: str, pos: int):
        super().__init__(f"{msg} at position {pos}")
        self.pos = pos


def tokenize(src: str) -> List[Tok]:
    pos, out = 0, []
    src = src.rstrip()
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise ParseError(f"unexpected character {src[pos]!r}", pos)
        kind = m.lastgroup
        out.append(Tok(kind, m.group(kind), m.start(kind)))
        pos = m.end()
    out.append(Tok("end", "", pos))
    return out


FUNCS = {"sqrt": math.sqrt, "abs": abs, "max": max, "min": min, "round": round, "log": math.log}
BINOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "%": operator.mod}


class Parser:
    def __init__(self, src: str, env: Dict[str, float]):
        self.toks, self.i, self.env = tokenize(src), 0, env

    def peek(self) -> Tok:
        return self.toks[self.i]

    def take(self, value: str = None) -> Tok:
        tok = self.toks[self.i]
        if value is not None and tok.value != value:
            raise ParseError(f"expected {value!r} but found {tok.value or 'end of input'!r}", tok.pos)
        self.i += 1
        return tok

    def statement(self) -> Union[int, float]:
        if self.peek().kind == "name" and self.toks[self.i + 1].value == "=":
            name = self.take().value
            self.take("=")
            self.env[name] = self.expr()
            result = self.env[name]
        else:
            result = self.expr()
        self.take("")
        return result

    def expr(self):
        value = self.term()
        while self.peek().value in ("+", "-"):
            value = BINOPS[self.take().value](value, self.term())
        return value

    def term(self):
        value = self.power()
        while self.peek().value in ("*", "/", "%"):
            op = self.take()
            rhs = self.power()
            if op.value in "/%" and rhs == 0:
                raise ParseError("division by zero", op.pos)
            value = BINOPS[op.value](value, rhs)
        return value

    def power(self):
        base = self.unary()
        if self.peek().value in ("**", "^"):
            self.take()
            return base ** self.power()
        return base

    def unary(self):
        if self.peek().value == "-":
            self.take()
            return -self.unary()
        return self.atom()

    def atom(self):
        tok = self.take()
        if tok.kind == "num":
            return float(tok.value) if any(c in tok.value for c in ".eE") else int(tok.value)
        if tok.kind == "name":
            if self.peek().value == "(":
                self.take("(")
                args = [self.expr()]
                while self.peek().value == ",":
                    self.take()
                    args.append(self.expr())
                self.take(")")
                if tok.value not in FUNCS:
                    raise ParseError(f"unknown function {tok.value}", tok.pos)
                return FUNCS[tok.value](*args)
            if tok.value not in self.env:
                raise ParseError(f"undefined variable {tok.value}", tok.pos)
            return self.env[tok.value]
        if tok.value == "(":
            v = self.expr()
            self.take(")")
            return v
        raise ParseError(f"unexpected {tok.value or 'end of input'!r}", tok.pos)


def main():
    env = {"pi": math.pi}
    for line in ["1 + 2 * 3", "2 ** 3 ** 2", "-(4 - 6) * 2.5", "x = 10 / 4", "y = x ^ 2 + 1", "sqrt(y - 1) + max(1, x, 2)",
                 "round(pi * 100) / 100", "7 % 3 + 1e3", "10 / (5 - 5)", "3 + * 4", "foo(2)", "z + 1", "(1 + 2", "2 $ 3",
                 "log(100, 10)", "abs(-7) // 2"]:
        try:
            result = Parser(line, env).statement()
            print(f"{line:<28} = {result!r}")
        except ParseError as e:
            print(f"{line:<28} ! {e}")
    print(sorted(env.items()))
    print([(t.kind, t.value) for t in tokenize("a1=2.5e-3*(b+3)")])


if __name__ == "__main__":
    main()
