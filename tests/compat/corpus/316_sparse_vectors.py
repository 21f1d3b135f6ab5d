"""Text similarity with sparse TF-IDF vectors, cosine similarity and nearest-neighbour search."""
import math
import re
from collections import Counter
from typing import Dict, List

DOCS = {
    "d1": "The quick brown fox jumps over the lazy dog",
    "d2": "A quick brown dog outpaces a quick fox",
    "d3": "Lazy dogs sleep all day in the sun",
    "d4": "Foxes are quick and clever animals",
    "d5": "The sun rises in the east and sets in the west",
}
STOP = {"the", "a", "and", "in", "over", "all", "are"}


def tokenize(text: str) -> List[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return [w.rstrip("s") if len(w) > 3 else w for w in words if w not in STOP]


def tfidf(docs: Dict[str, List[str]]) -> Dict[str, Dict[str, float]]:
    n = len(docs)
    df = Counter(term for toks in docs.values() for term in set(toks))
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}
    vectors = {}
    for name, toks in docs.items():
        tf = Counter(toks)
        vec = {t: (c / len(toks)) * idf[t] for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vectors[name] = {t: v / norm for t, v in vec.items()}
    return vectors


def cosine(a: Dict[str, float], b: Dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def main():
    tokens = {k: tokenize(v) for k, v in DOCS.items()}
    for k, t in tokens.items():
        print(f"{k}: {t}")
    vecs = tfidf(tokens)
    top_terms = sorted(vecs["d1"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    print("d1 top terms:", [(t, round(w, 4)) for t, w in top_terms])
    names = list(DOCS)
    print(" " * 4 + "".join(f"{n:>7}" for n in names))
    for a in names:
        print(f"{a:<4}" + "".join(f"{cosine(vecs[a], vecs[b]):>7.3f}" for b in names))
    query = vecs.get("q") or tfidf({**tokens, "q": tokenize("quick fox in the sun")})["q"]
    ranked = sorted(((cosine(query, vecs[n]), n) for n in names), reverse=True)
    print("query ranking:", [(n, f"{s:.4f}") for s, n in ranked])
    vocab = sorted({t for toks in tokens.values() for t in toks})
    print(len(vocab), vocab[:10])
    dense = [[round(vecs[n].get(t, 0.0), 2) for t in vocab[:6]] for n in names]
    for n, row in zip(names, dense):
        print(n, row)
    print(math.fsum(v * v for v in vecs["d3"].values()), sum(len(v) for v in vecs.values()))


if __name__ == "__main__":
    main()
