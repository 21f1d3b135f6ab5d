# Render data as a Markdown table with computed column widths.
data = [
    {"language": "Python", "year": 1991, "typing": "dynamic", "paradigm": "multi"},
    {"language": "C", "year": 1972, "typing": "static", "paradigm": "procedural"},
    {"language": "Haskell", "year": 1990, "typing": "static", "paradigm": "functional"},
    {"language": "JavaScript", "year": 1995, "typing": "dynamic", "paradigm": "multi"},
    {"language": "Rust", "year": 2015, "typing": "static", "paradigm": "multi"},
]

def markdown_table(rows, columns, align=None):
    align = align or {}
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    def cell(c, text):
        a = align.get(c, "left")
        if a == "right":
            return str(text).rjust(widths[c])
        if a == "center":
            return str(text).center(widths[c])
        return str(text).ljust(widths[c])
    lines = ["| " + " | ".join(cell(c, c.title()) for c in columns) + " |"]
    seps = []
    for c in columns:
        a = align.get(c, "left")
        dash = "-" * widths[c]
        if a == "right":
            dash = dash[:-1] + ":"
        elif a == "center":
            dash = ":" + dash[1:-1] + ":"
        seps.append(dash)
    lines.append("| " + " | ".join(seps) + " |")
    for r in rows:
        lines.append("| " + " | ".join(cell(c, r[c]) for c in columns) + " |")
    return "\n".join(lines)

cols = ["language", "year", "typing", "paradigm"]
print(markdown_table(sorted(data, key=lambda r: r["year"]), cols, {"year": "right", "typing": "center"}))
print()
by_typing = {}
for r in data:
    by_typing.setdefault(r["typing"], []).append(r["language"])
summary = [{"typing": k, "count": len(v), "languages": ", ".join(sorted(v))} for k, v in by_typing.items()]
print(markdown_table(summary, ["typing", "count", "languages"], {"count": "right"}))
