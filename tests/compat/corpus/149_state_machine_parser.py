# Tokenise simple arithmetic with a state machine and evaluate it.
def tokenize(src):
    tokens, num, i = [], "", 0
    for ch in src + " ":
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        if num:
            tokens.append(("NUM", float(num) if "." in num else int(num)))
            num = ""
        if ch in "+-*/()":
            tokens.append(("OP", ch))
        elif not ch.isspace():
            raise SyntaxError(f"unexpected {ch!r}")
    return tokens
def evaluate(tokens):
    pos = 0
    def peek():
        return tokens[pos][1] if pos < len(tokens) else None
    def expr():
        nonlocal pos
        v = term()
        while peek() in ("+", "-"):
            op = tokens[pos][1]; pos += 1
            v = v + term() if op == "+" else v - term()
        return v
    def term():
        nonlocal pos
        v = factor()
        while peek() in ("*", "/"):
            op = tokens[pos][1]; pos += 1
            v = v * factor() if op == "*" else v / factor()
        return v
    def factor():
        nonlocal pos
        kind, val = tokens[pos]; pos += 1
        if val == "(":
            v = expr(); pos += 1
            return v
        if val == "-":
            return -factor()
        return val
    return expr()
for s in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4", "2 * (3 + 4) - -1", "1.5 * 4", "7 $ 2"]:
    try:
        print(s, "=", evaluate(tokenize(s)))
    except SyntaxError as e:
        print(s, "->", type(e).__name__, e)
