# Top words in a paragraph, ignoring stop words.
import re
from collections import Counter
text = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness."""
stop = {"it", "was", "the", "of"}
words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in stop]
freq = Counter(words)
print(freq.most_common(5))
print(len(words), len(freq))
for word, n in freq.most_common():
    if n > 1:
        print(f"{word:>12} {'#' * n}")
longest = sorted(freq, key=lambda w: (-len(w), w))[:3]
print(longest)
print(dict(Counter(len(w) for w in words)))
