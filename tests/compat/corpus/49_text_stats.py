# Text statistics: sentences, words, readability, n-grams.
text = ("Python is a programming language that lets you work quickly and integrate systems "
        "more effectively. Python is powerful, and fast; plays well with others; runs "
        "everywhere; is friendly and easy to learn; is open. Many people use it daily! "
        "Do you?")

sentences = [s.strip() for s in text.replace("!", ".").replace("?", ".").split(".") if s.strip()]
words = [w.strip(",;.!?").lower() for w in text.split()]
print("sentences:", len(sentences))
print("words:", len(words))
print("avg word length:", round(sum(len(w) for w in words) / len(words), 3))
print("avg sentence length:", round(len(words) / len(sentences), 2))

def syllables(word):
    vowels = "aeiouy"
    count = 0
    prev = False
    for ch in word:
        is_v = ch in vowels
        if is_v and not prev:
            count += 1
        prev = is_v
    if word.endswith("e") and count > 1:
        count -= 1
    return max(count, 1)

total_syl = sum(syllables(w) for w in words)
score = 206.835 - 1.015 * (len(words) / len(sentences)) - 84.6 * (total_syl / len(words))
print("syllables:", total_syl, "flesch:", round(score, 1))
bigrams = {}
for a, b in zip(words, words[1:]):
    bigrams[(a, b)] = bigrams.get((a, b), 0) + 1
common = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print("top bigrams:", common)
print("longest sentence:", max(sentences, key=len))
print("unique ratio: %.3f" % (len(set(words)) / len(words)))
print("capitalised words:", [w for w in text.split() if w[0].isupper()])
