"""Extract structured data from free text with regular expressions."""
import re
from collections import defaultdict

DOC = """
Contact: Jane Roe <jane.roe@example.org>, phone (555) 123-4567, alt +1-555-987-6543.
Order #A-10023 placed 2024-03-05 for $1,249.99; Order #B-00017 placed 2024-03-07 for $89.50.
Visit https://shop.example.com/items?id=42&ref=mail or http://example.net/about.
Meeting on 03/15/2024 at 14:30, follow-up 04/01/2024 at 9:05. IPs: 10.0.0.1, 256.1.1.1, 192.168.0.254.
Tags: #python #regex #Python3 #data_science
"""

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+1[-\s]?)?\(?(\d{3})\)?[-\s]?(\d{3})-(\d{4})")
ORDER = re.compile(r"Order #(?P<id>[A-Z]-\d{5}) placed (?P<date>\d{4}-\d{2}-\d{2}) for \$(?P<amount>[\d,]+\.\d{2})")
URL = re.compile(r"https?://[^\s/]+(?:/[^\s]*)?(?<![.,])")
IP = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")


def us_to_iso(m: re.Match) -> str:
    month, day, year = m.groups()
    return f"{year}-{month}-{day}"


def main():
    print("emails:", EMAIL.findall(DOC))
    print("phones:", ["-".join(g) for g in PHONE.findall(DOC)])
    orders = [m.groupdict() for m in ORDER.finditer(DOC)]
    for o in orders:
        o["amount"] = float(o["amount"].replace(",", ""))
    print("orders:", orders, f"total=${sum(o['amount'] for o in orders):,.2f}")
    print("urls:", URL.findall(DOC))
    print("ips:", IP.findall(DOC))
    print(re.sub(r"(\d{2})/(\d{2})/(\d{4})", us_to_iso, "due 03/15/2024 and 04/01/2024"))
    print(re.sub(r"(?P<h>\d{1,2}):(?P<m>\d{2})", r"\g<h>h\g<m>", "at 14:30 and 9:05"))
    tags = re.findall(r"#(\w+)", DOC.splitlines()[-1])
    print("tags:", tags, sorted({t.lower() for t in tags}))
    m = re.search(r"(?i)jane\s+(\w+)", DOC)
    print(m.group(0), m.group(1), m.span(), m.start(1), m.end(), repr(m.re.pattern), bool(m))
    print(re.split(r"[;,]\s*", "a, b;c ,d"), re.split(r"(\d)", "a1b2c"), re.split(r"\s+", "  x y  ", maxsplit=1))
    print(re.fullmatch(r"\d{3}-\d{4}", "555-1234") is not None, re.match(r"\d+", "abc"), re.escape("1+1=2?"))
    words = defaultdict(int)
    for w in re.findall(r"\b[a-z]{4,}\b", DOC.lower()):
        words[w] += 1
    print(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
    pat = re.compile(r"""
        (?P<key>[a-z_]+)   # key
        \s*=\s*
        (?P<val>"[^"]*"|\S+)  # quoted or bare value
    """, re.VERBOSE)
    print({m["key"]: m["val"].strip('"') for m in pat.finditer('name = "Ann Lee" age=31 city = Oslo')})
    print(re.subn(r"\s+", " ", "too   many    spaces"), re.findall(r"(\w)(\d)", "a1 b2 c"), re.sub(r"^", "> ", "l1\nl2", flags=re.M))


if __name__ == "__main__":
    main()
