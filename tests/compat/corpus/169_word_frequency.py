import re
from collections import Counter

TEXT = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way.
"""

STOP = {"it", "was", "the", "of", "we", "to", "us", "all", "had", "were"}

words = re.findall(r"[a-z']+", TEXT.lower())
counts = Counter(words)
print("total words:", len(words), "unique:", len(counts))
print("top 5 overall:", counts.most_common(5))
content = Counter({w: n for w, n in counts.items() if w not in STOP})
print("top content words:")
for rank, (word, n) in enumerate(content.most_common(8), start=1):
    bar = "*" * n
    print(f"{rank:>2}. {word:<12} {n:>2} {bar}")

bigrams = Counter(zip(words, words[1:]))
print("top bigrams:", [" ".join(b) for b, _ in bigrams.most_common(3)])
lengths = Counter(len(w) for w in words)
print("length histogram:", sorted(lengths.items()))
first_letters = Counter(w[0] for w in words)
print(first_letters.most_common(3), first_letters["z"])
c1 = Counter("mississippi")
c2 = Counter("missouri")
print(c1 & c2, c1 | c2, c1 - c2)
print(sorted((c1 + c2).elements())[:10], c1.total(), (c1 - c2).total())
c1.subtract({"s": 10})
print(c1, +c1)
print(Counter(a=3, b=1) == Counter(b=1, a=3), list(Counter("hello").keys()))
