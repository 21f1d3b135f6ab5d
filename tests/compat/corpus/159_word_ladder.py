from collections import deque
import string

WORDS = """cold cord card ward warm word worm wore core care cars wars bars bard barn warn corn"""


def neighbours(word, vocab):
    for i in range(len(word)):
        for ch in string.ascii_lowercase:
            if ch != word[i]:
                cand = word[:i] + ch + word[i + 1:]
                if cand in vocab:
                    yield cand


def ladder(start, goal, vocab):
    if start not in vocab or goal not in vocab:
        return None
    prev = {start: None}
    queue = deque([start])
    while queue:
        w = queue.popleft()
        if w == goal:
            path = []
            while w is not None:
                path.append(w)
                w = prev[w]
            return path[::-1]
        for n in neighbours(w, vocab):
            if n not in prev:
                prev[n] = w
                queue.append(n)
    return None


vocab = set(WORDS.split())
for a, b in [("cold", "warm"), ("card", "barn"), ("cold", "zzzz"), ("wore", "cars")]:
    path = ladder(a, b, vocab)
    if path is None:
        print(f"{a} -> {b}: no ladder")
    else:
        print(f"{a} -> {b}: {' > '.join(path)} ({len(path) - 1} steps)")

graph = {w: sorted(neighbours(w, vocab)) for w in sorted(vocab)}
degree = sorted(graph.items(), key=lambda kv: (-len(kv[1]), kv[0]))
for w, ns in degree[:5]:
    print(f"{w}: {len(ns)} {ns}")
isolated = [w for w, ns in graph.items() if not ns]
print("isolated:", isolated or "none")
