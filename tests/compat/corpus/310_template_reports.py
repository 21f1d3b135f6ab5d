"""Generate personalised reports with string.Template, str.format_map and a mini templating engine."""
import re
import string
from collections import defaultdict
from typing import Dict


class SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, context: Dict[str, object]) -> str:
    def repl(m: re.Match) -> str:
        expr, _, filt = m.group(1).partition("|")
        value = context
        for part in expr.strip().split("."):
            value = value[part] if isinstance(value, dict) else getattr(value, part)
        filt = filt.strip()
        if filt == "upper":
            return str(value).upper()
        if filt.startswith("money"):
            return f"${value:,.2f}"
        return str(value)
    return re.sub(r"\{\{(.*?)\}\}", repl, template)


def main():
    t = string.Template("Dear $name,\nYour balance of $$${amount} is due on ${due}.")
    print(t.substitute(name="Ms. Lee", amount="1,250.00", due="May 1"))
    try:
        t.substitute(name="x")
    except KeyError as e:
        print("KeyError:", e)
    print(t.safe_substitute(name="Mr. Kim"))
    print(t.get_identifiers() if hasattr(t, "get_identifiers") else None, t.template.count("$"))
    fmt = "{name} owes {amount:.2f} ({status})"
    print(fmt.format_map(SafeDict(name="Bo", amount=12.5)))
    print("{0}, {1}, {0}".format("a", "b"), "{x[0]}-{x[1]}".format(x=[7, 8]), "{:{w}.{p}f}".format(3.14159, w=10, p=3))
    ctx = {"user": {"name": "dana", "plan": "pro"}, "total": 1234.5}
    print(render("Hello {{ user.name | upper }}, plan {{user.plan}}, total {{ total | money }}.", ctx))
    counts = defaultdict(int)
    for word in "the cat and the hat and the bat".split():
        counts[word] += 1
    print(", ".join("{}={}".format(*kv) for kv in sorted(counts.items())))
    print("%(name)s is %(age)d years" % {"name": "Al", "age": 40}, "%s|%r|%a" % ("é", "é", "é"), "%05.1f|%-6s|%+d" % (3.14159, "ab", 5))
    print(string.ascii_letters[:5], string.digits, string.punctuation[:6], string.whitespace == " \t\n\r\x0b\x0c")
    f = string.Formatter()
    print(f.format("{a} + {b} = {c}", a=1, b=2, c=3), [p[1] for p in f.parse("x{a}y{b:>3}z")])
    rows = [("Name", "Qty"), ("apple", 3), ("kiwi", 12)]
    for n, q in rows:
        print("{:<8}|{:>5}".format(n, q))
    print("{!r:^12}|{!s:>6}".format("hi", 3.0), f"{'a':_<4}{'b':->4}", "{:%Y}".format(__import__("datetime").date(2020, 1, 1)))


if __name__ == "__main__":
    main()
