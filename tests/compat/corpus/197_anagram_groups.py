from collections import defaultdict, Counter
from itertools import permutations

WORDS = ["listen", "silent", "enlist", "google", "gogole", "cat", "act", "tac", "dog", "god", "odg",
         "inlets", "banana", "tinsel", "elgoog"]

groups = defaultdict(list)
for w in WORDS:
    groups["".join(sorted(w))].append(w)

for key, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
    if len(members) > 1:
        print(f"{key:<8} {len(members)}: {', '.join(sorted(members))}")
singles = [m[0] for m in groups.values() if len(m) == 1]
print("no anagram:", singles)


def is_anagram(a, b):
    clean = lambda s: Counter(c for c in s.lower() if c.isalnum())
    return clean(a) == clean(b)


pairs = [("Dormitory", "Dirty room"), ("The eyes", "They see"), ("Hello", "World"), ("Astronomer", "Moon starer")]
for a, b in pairs:
    print(f"{a!r:>14} ~ {b!r:<14} {is_anagram(a, b)}")

letters = "tra"
found = sorted({"".join(p) for r in (2, 3) for p in permutations(letters, r)})
print(found)


def is_palindrome(s: str) -> bool:
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]


for s in ["A man, a plan, a canal: Panama", "race a car", "Was it a car or a cat I saw?", "", "ab"]:
    print(f"{s[:30]!r:<34}{is_palindrome(s)}")
longest = max((s[i:j] for i in range(len("forgeeksskeegfor")) for j in range(i + 1, 17)
               if is_palindrome("forgeeksskeegfor"[i:j])), key=len)
print(longest)
