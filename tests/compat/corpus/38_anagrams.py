# Group anagrams, find word ladders' neighbours, and letter statistics.
from collections import defaultdict, Counter

words = ["listen", "silent", "enlist", "google", "gogole", "cat", "act", "tac", "dog",
         "god", "odg", "inlets", "banana", "tinsel", "stone", "notes", "onset", "tones"]

groups = defaultdict(list)
for w in words:
    groups["".join(sorted(w))].append(w)

print("anagram groups:")
for key, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
    if len(group) > 1:
        print(f"  {key}: {sorted(group)}")
singles = [g[0] for g in groups.values() if len(g) == 1]
print("no anagram:", singles)

def is_anagram(a, b):
    return Counter(a.replace(" ", "").lower()) == Counter(b.replace(" ", "").lower())

for a, b in [("Dormitory", "dirty room"), ("The eyes", "They see"), ("Hello", "World")]:
    print(f"{a!r} ~ {b!r}: {is_anagram(a, b)}")

def neighbours(word, vocab):
    out = []
    for i in range(len(word)):
        for ch in "abcdefghijklmnopqrstuvwxyz":
            cand = word[:i] + ch + word[i + 1:]
            if cand != word and cand in vocab:
                out.append(cand)
    return out

vocab = {"cold", "cord", "card", "ward", "warm", "word", "worm", "wood", "cola"}
for w in sorted(vocab):
    print(w, "->", neighbours(w, vocab))
letters = Counter("".join(words))
print("top letters:", letters.most_common(5))
print("sorted by count then letter:", sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
