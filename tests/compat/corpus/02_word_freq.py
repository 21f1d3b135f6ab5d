# Word frequencies of a text, with the most common words and some statistics.
from collections import Counter
import string

text = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way.
"""

def tokenize(s):
    table = str.maketrans("", "", string.punctuation)
    return [w.lower() for w in s.translate(table).split()]

words = tokenize(text)
counts = Counter(words)
print(f"Total words: {len(words)}")
print(f"Distinct words: {len(counts)}")
print("Top 8:")
for word, n in counts.most_common(8):
    bar = "#" * n
    print(f"  {word:<8} {n:>3} {bar}")

lengths = Counter(len(w) for w in words)
print("Word lengths:")
for length in sorted(lengths):
    print(f"  {length:>2}: {lengths[length]}")

longest = max(words, key=len)
print(f"Longest word: {longest!r} ({len(longest)} letters)")
once = sorted(w for w, n in counts.items() if n == 1)
print(f"Words used once ({len(once)}): {', '.join(once[:10])}...")
caps = [w.capitalize() for w in ["light", "darkness", "heaven"]]
print("Capitalized:", " ".join(caps))
