"""Text processing: sentence splitting, word frequencies, readability and keyword-in-context."""
import re
import string
import textwrap
from collections import Counter

TEXT = """It was the best of times, it was the worst of times; it was the age of wisdom,
it was the age of foolishness. It was the epoch of belief, it was the epoch of
incredulity! It was the season of Light, it was the season of Darkness? It was the
spring of hope, it was the winter of despair. We had everything before us -- we had
nothing before us."""

STOP = {"it", "was", "the", "of", "we", "us", "had"}


def syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


def main():
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", TEXT) if s.strip()]
    words = re.findall(r"[A-Za-z']+", TEXT)
    print(f"sentences={len(sentences)} words={len(words)} chars={len(TEXT)} unique={len({w.lower() for w in words})}")
    for i, s in enumerate(sentences, 1):
        print(f"{i:>2}. {textwrap.shorten(s, width=50, placeholder=' [...]')}")
    freq = Counter(w.lower() for w in words if w.lower() not in STOP)
    print("top:", ", ".join(f"{w}×{n}" for w, n in freq.most_common(5)))
    syl = sum(syllables(w) for w in words)
    fk = 206.835 - 1.015 * (len(words) / len(sentences)) - 84.6 * (syl / len(words))
    print(f"syllables={syl} flesch={fk:.1f}")
    lengths = Counter(len(w) for w in words)
    for n in sorted(lengths):
        print(f"  len {n:>2}: {lengths[n]:>3} {'▇' * lengths[n]}")
    for m in re.finditer(r"\bseason\b", TEXT):
        left = TEXT[max(0, m.start() - 15):m.start()].replace("\n", " ")
        right = TEXT[m.end():m.end() + 15].replace("\n", " ")
        print(f"KWIC: {left:>15}[{m.group()}]{right:<15}|")
    table = str.maketrans("", "", string.punctuation)
    cleaned = TEXT.translate(table).lower().split()
    print(cleaned[:8], len(cleaned))
    caps = sorted({w for w in words if w[0].isupper()}, key=str.lower)
    print("capitalised:", caps)
    print(textwrap.fill(" ".join(sentences[:2]), width=40, initial_indent="> ", subsequent_indent="> "))
    print(textwrap.dedent("""\
        indented
          more
        back""").splitlines())
    title = "a tale of two cities"
    print(title.title(), string.capwords(title), title.capitalize(), title.upper().center(30, "*"))
    acronym = "".join(w[0] for w in title.split() if w not in {"a", "of"}).upper()
    print(acronym, title.count("t"), title.find("two"), title.rfind("t"), title.replace(" ", "_", 2))


if __name__ == "__main__":
    main()
