from itertools import groupby
import re


def rle_encode(s: str) -> str:
    return "".join(f"{len(list(g))}{ch}" for ch, g in groupby(s))


def rle_decode(s: str) -> str:
    return re.sub(r"(\d+)(\D)", lambda m: m.group(2) * int(m.group(1)), s)


def compress(s: str) -> str:
    out = []
    for ch, g in groupby(s):
        n = sum(1 for _ in g)
        out.append(ch if n == 1 else f"{ch}{n}")
    result = "".join(out)
    return result if len(result) < len(s) else s


samples = ["AAABBBCCCD", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWB", "abc", "", "zzzzzzzzzzzz"]
for s in samples:
    enc = rle_encode(s)
    dec = rle_decode(enc)
    print(f"{s[:20]!r:<24} -> {enc!r:<28} ok={dec == s} compress={compress(s)!r}")

print(re.sub(r"\s+", " ", "  lots   of\t\tspace \n here ").strip())
print(re.sub(r"(?P<word>\b\w)", lambda m: m.group("word").upper(), "the cat sat"))
print(re.sub(r"(\d{3})(\d{3})(\d{4})", r"(\1) \2-\3", "call 5551234567 now"))
print(re.split(r"[,;]\s*", "a, b;c ;d"), re.split(r"(-)", "1-2-3"))
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 12 pears"), re.subn("a", "A", "banana"))
camel = "parseHTTPResponseCode"
snake = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", camel).lower()
print(snake)
print("".join(w.capitalize() for w in snake.split("_")))
print(re.findall(r"(\w)\1", "aabbcdeeff"), re.fullmatch(r"[a-f0-9]+", "deadbeef") is not None)
print(re.escape("1+1=2?"), re.search(r"o", "hello world").span())
