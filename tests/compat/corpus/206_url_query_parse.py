import re
from collections import defaultdict

URLS = [
    "https://shop.example.com:8443/products/view?id=42&ref=email&utm_source=news&utm_source=tw#reviews",
    "http://example.org/search?q=hello+world&page=2",
    "ftp://files.example.net/pub/readme.txt",
    "https://example.com/a%20path/?empty=&flag",
    "not a url",
]
URL_RE = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>[^/:?#]+)(?::(?P<port>\d+))?"
                    r"(?P<path>/[^?#]*)?(?:\?(?P<query>[^#]*))?(?:#(?P<frag>.*))?$", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def unquote(s):
    s = s.replace("+", " ")
    return re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), s)


def parse_qs(q):
    out = defaultdict(list)
    for part in filter(None, q.split("&")):
        key, sep, value = part.partition("=")
        out[unquote(key)].append(unquote(value))
    return dict(out)


for url in URLS:
    m = URL_RE.match(url)
    if m is None:
        print(f"{url!r}: invalid")
        continue
    parts = m.groupdict()
    port = int(parts["port"]) if parts["port"] else DEFAULT_PORTS.get(parts["scheme"].lower())
    print(f"{parts['scheme']}://{parts['host']} port={port} path={unquote(parts['path'] or '/')!r}")
    if parts["query"] is not None:
        for k, v in parse_qs(parts["query"]).items():
            print(f"    {k} = {v}")
    if parts["frag"]:
        print(f"    #{parts['frag']}")

domains = sorted({URL_RE.match(u).group("host").split(".", 1)[-1] for u in URLS if URL_RE.match(u)})
print(domains)
print(re.sub(r"(?<=[?&])utm_[^&]*&?", "", URLS[0]))
print(re.match(r"(\w+)@(\w+)\.com", "jane@mail.com").groups(), re.compile(r"\d+").pattern)
m = re.search(r"(?P<y>\d{4})-(?P<m>\d\d)", "on 2024-06 we")
print(m.group(0), m["y"], m.start("m"), m.end(), m.lastgroup, m.expand(r"\g<m>/\g<y>"))
