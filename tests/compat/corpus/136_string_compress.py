# Run-length encoding and decoding.
import re
from itertools import groupby
def rle(s):
    return "".join(f"{len(list(g))}{ch}" for ch, g in groupby(s))
def unrle(s):
    return "".join(ch * int(n) for n, ch in re.findall(r"(\d+)(\D)", s))
for s in ["aaabccdddd", "abc", "", "zzzzzzzzzzzz"]:
    enc = rle(s)
    print(repr(s), "->", repr(enc), unrle(enc) == s)
print(rle("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"))
print(sorted(set("mississippi")), "".join(sorted("mississippi", reverse=True)))
