from typing import Sequence, Any


def render_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], align: str = "") -> str:
    cols = len(headers)
    cells = [[str(h) for h in headers]] + [[fmt(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(cols)]
    align = (align or "<" * cols).ljust(cols, "<")

    def line(parts):
        return "| " + " | ".join(f"{p:{a}{w}}" for p, a, w in zip(parts, align, widths, strict=True)) + " |"

    sep = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [sep, line(cells[0]), sep.replace("-", "=")]
    out += [line(r) for r in cells[1:]]
    out.append(sep)
    return "\n".join(out)


def fmt(v):
    if isinstance(v, float):
        return f"{v:,.2f}"
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


headers = ["Country", "Capital", "Population (M)", "Area km2", "EU"]
rows = [
    ("France", "Paris", 68.17, 551695, True),
    ("Japan", "Tokyo", 124.5, 377975, False),
    ("Iceland", "Reykjavik", 0.387, 103000, False),
    ("Germany", "Berlin", 84.48, 357592, True),
    ("Vatican City", None, 0.000764, 0.49, False),
]
print(render_table(headers, rows, "<<>>^"))
density = sorted(((r[0], r[2] * 1e6 / r[3]) for r in rows), key=lambda t: t[1], reverse=True)
for name, d in density:
    print(f"{name:.<20}{d:>12,.1f} /km2")
try:
    render_table(["a", "b"], [(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
print(list(zip([1, 2], "ab", strict=True)))
print("abc".ljust(6, ".") + "|", "abc".rjust(6) + "|", "abc".center(8, "*"), "7".zfill(4), "-7".zfill(4))
print("Title Case Me".swapcase(), "tab\there".expandtabs(4), "x".join("123"), "  pad ".strip() + "|")
