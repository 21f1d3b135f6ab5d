# re with bytes patterns (lib/python/re.py): results, flags and the TypeErrors of mixing str and bytes
import re
p = re.compile(b"(a)(x)?b")
print(p, p.flags, p.groups, p.pattern)
m = p.search(b"zzab")
print(m, m.group(), m.group(1, 2), m.groups(), m.groups(b"-"), m.span(1), m[1], m.string, m.lastindex)
print(re.compile(rb"\w+\s", re.I), re.compile(b"x", re.M | re.A))
print(re.findall(rb"(\d)(\w)", b"1a 2b \xe93"), re.findall(rb"\d", bytearray(b"a1b2")))
print(re.split(rb"(,)", b"a,b,,c"), re.split(b"x*", b"axbc"))
print(re.sub(rb"(\w)", rb"<\1>", b"ab"), re.subn(b".", lambda m: m.group().upper(), b"ab\xff"))
print(re.sub(b".", b"a", b"a"), re.escape(b"a.b*\xff"), re.escape("a.b"))
print([m.span() for m in re.finditer(b"a", b"banana")])
print(re.match(rb"\w", b"\xe9"), re.match(b"(?i)\xe9", b"\xc9"))
print(re.fullmatch(b"[\x80-\xff]+", b"\x80\xa0\xff").group())
print(re.match(b"a", bytearray(b"ab")).group(), re.compile(b"a") == re.compile(b"a"), re.compile(b"a") == re.compile("a"))
print(re.match(rb"(?P<x>a)", b"a").groupdict(), re.match(rb"(?P<x>a)", b"a").expand(rb"[\g<x>]"))
for f in (lambda: re.match(b"a", "a"), lambda: re.match("a", b"a"), lambda: re.sub(b"a", "x", b"a"),
          lambda: re.sub("a", b"x", "a"), lambda: re.compile(b"a", re.U), lambda: re.sub(b"a", lambda m: "s", b"a"),
          lambda: re.compile(123), lambda: re.escape(5), lambda: re.findall(b"a", memoryview(b"a"))):
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e if "found" not in str(e) and "int" not in str(e) else "")
