# re on subjects longer than MicroPython's built-in engine takes at once: mpbox cuts them after line
# ends when no match can contain one. The output must be identical under CPython and mpbox.
import re
import sys


def digest(x):
    # a short, deterministic summary of a long string or list
    if isinstance(x, (list, tuple)):
        return (len(x), [digest(y) for y in x[:2]], [digest(y) for y in x[-2:]])
    if not isinstance(x, str):
        return x
    h = 0
    for c in x[:60] + x[-60:]:
        h = (h * 31 + ord(c)) % 1000003
    return (len(x), h)


lines = []
for i in range(700):
    lines.append("2026-01-%02d host%d GET /api/v%d/items/%d user%d@mail%d.example status=%d"
                 % (i % 28 + 1, i % 50, i % 3, i, i % 97, i % 7, 200 + i % 5))
text = "\n".join(lines) + "\n"
print("subject", len(text))

if sys.implementation.name == "micropython":
    # the subject really goes to the built-in engine, in pieces
    fs = re.compile(r"\d+")._fast_ok(text, 0, len(text))
    print("pieces", fs is not None and len(fs[1]) > 3)
else:
    print("pieces", True)

for pat in [r"\d+", r"[a-z0-9]+@[a-z0-9]+\.example", r"status=(\d+)", r"(host)(\d+)", r"[^\n]+", r"GET|PUT",
            r"zz+"]:
    print(pat)
    fa = re.findall(pat, text)
    print("  findall", len(fa), fa[:3], fa[-3:])
    spans = [m.span() for m in re.finditer(pat, text)]
    print("  finditer", len(spans), spans[:2], spans[-2:])
    for count in (0, 1, 7, 699, 700, 701, 100000):
        r, k = re.subn(pat, "#", text, count=count)
        print("  subn", count, k, digest(r))
    for maxsplit in (0, 1, 9, 500, 1000, 100000):
        print("  split", maxsplit, digest(re.split(pat, text, maxsplit=maxsplit)))
    m = re.search(pat, text[30000:])
    print("  search", m and (m.span(), m.group()))
    print("  search none", re.search(pat + "Q", text))
    m = re.match(pat, text)
    print("  match", m and (m.span(), m.group()))
    print("  fullmatch", re.fullmatch(pat, text))

# patterns that can match a line end or depend on one: not cut, same results
print(len(re.findall(r"\s+", text)), len(re.findall(r"^\d+", text, re.M)), len(re.findall(r"\d+$", text, re.M)))
print(digest(re.findall(r"example\n2026", text)))
# a line longer than the engine takes: the whole subject goes to the other engine
long_line = "a1" * 6000 + "\n" + "b22 " * 2000
print(len(re.findall(r"\d+", long_line)), digest(re.sub(r"[ab]", "", long_line)))
