"""String algorithms: KMP search, longest palindrome, run-length coding, anagram check, edit operations."""
from collections import Counter
from typing import List, Tuple


def kmp_table(p: str) -> List[int]:
    t = [0] * len(p)
    k = 0
    for i in range(1, len(p)):
        while k and p[i] != p[k]:
            k = t[k - 1]
        if p[i] == p[k]:
            k += 1
        t[i] = k
    return t


def kmp_search(text: str, p: str) -> List[int]:
    t, k, out = kmp_table(p), 0, []
    for i, ch in enumerate(text):
        while k and ch != p[k]:
            k = t[k - 1]
        if ch == p[k]:
            k += 1
        if k == len(p):
            out.append(i - k + 1)
            k = t[k - 1]
    return out


def longest_palindrome(s: str) -> str:
    best = ""
    for center in range(2 * len(s) - 1):
        lo, hi = center // 2, center // 2 + center % 2
        while lo >= 0 and hi < len(s) and s[lo] == s[hi]:
            lo, hi = lo - 1, hi + 1
        if hi - lo - 1 > len(best):
            best = s[lo + 1:hi]
    return best


def rle(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(f"{j - i}{s[i]}" if j - i > 1 else s[i])
        i = j
    return "".join(out)


def edit_script(a: str, b: str) -> List[Tuple[str, str]]:
    m, n = len(a), len(b)
    dp = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        for j in range(n + 1):
            if i == 0 or j == 0:
                dp[i][j] = i + j
            else:
                dp[i][j] = min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
    ops, i, j = [], m, n
    while i or j:
        if i and j and dp[i][j] == dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            ops.append(("keep" if a[i - 1] == b[j - 1] else "sub", f"{a[i - 1]}->{b[j - 1]}"))
            i, j = i - 1, j - 1
        elif i and dp[i][j] == dp[i - 1][j] + 1:
            ops.append(("del", a[i - 1]))
            i -= 1
        else:
            ops.append(("ins", b[j - 1]))
            j -= 1
    return ops[::-1]


def main():
    text = "abracadabra abracadabra cadabra"
    print(kmp_table("abracadabra"), kmp_search(text, "abra"), kmp_search(text, "cad"), text.count("abra"))
    for s in ["babad", "forgeeksskeegfor", "racecar level", "a", "abcd"]:
        print(f"{s!r:>20} -> {longest_palindrome(s)!r}")
    for s in ["aaabccddddde", "abc", "", "zzzzzzzzzzzz"]:
        print(repr(s), "->", repr(rle(s)))
    print(Counter("listen") == Counter("silent"), sorted("Dormitory".lower()) == sorted("dirtyroom"))
    for op, what in edit_script("kitten", "sitting"):
        print(f"  {op:<4} {what}")
    words = "the rain in spain stays mainly in the plain".split()
    print(max(words, key=len), sorted(set(words), key=lambda w: (-len(w), w))[:3], " ".join(w[::-1] for w in words))
    print("".join(c.upper() if i % 2 else c for i, c in enumerate("alternating")), "hello world".swapcase().center(17, "~"))
    vowels = sum(ch in "aeiou" for ch in text)
    print(vowels, text.partition(" "), text.rpartition(" "), text.split("a", 3), "a-b-c".rsplit("-", 1))
    print("Hello, World".casefold(), "ß".upper(), "ǅ".lower(), "İ".lower(), len("İ".lower()), "ﬁ".upper())


if __name__ == "__main__":
    main()
