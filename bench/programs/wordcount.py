# Dict-heavy word counting: dict get/set with string keys (a few thousand
# distinct keys), string concatenation and slicing, sorting the result with a
# total order (no reliance on dict iteration order).
syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze", "an", "or"]

def gen_words(seed, n):
    x = seed
    out = []
    for _ in range(n):
        x = (x * 1101 + 12345) % 524288
        k = 1 + (x >> 15) % 3
        w = ""
        y = x >> 3
        for _ in range(k):
            w += syllables[y % len(syllables)]
            y //= len(syllables)
        out.append(w)
    return out

counts = {}
pairs = {}
for rep in range(40):
    ws = gen_words(rep, 5000)
    prev = ws[0]
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
        key = prev[:2] + "-" + w[:2] + str(len(w))
        pairs[key] = pairs.get(key, 0) + 1
        prev = w

top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
topp = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print("distinct words:", len(counts), "distinct pairs:", len(pairs))
for w, c in top:
    print(w, c)
for k, c in topp:
    print(k, c)
