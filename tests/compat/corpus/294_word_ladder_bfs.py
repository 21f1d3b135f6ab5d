"""Solve word puzzles: word ladder (BFS), anagram groups, and a trie for prefix search."""
from collections import defaultdict, deque
from string import ascii_lowercase
from typing import Dict, List, Optional

WORDS = """cold cord card ward warm word worm corm wore core care dare date gate
late lame came come dome home hose nose note vote tone bone cone code rode road
load lord loud cord""".split()


def ladder(start: str, goal: str, words: List[str]) -> Optional[List[str]]:
    vocab = set(words)
    parents: Dict[str, Optional[str]] = {start: None}
    queue = deque([start])
    while queue:
        word = queue.popleft()
        if word == goal:
            path = []
            while word is not None:
                path.append(word)
                word = parents[word]
            return path[::-1]
        for i in range(len(word)):
            for ch in ascii_lowercase:
                cand = word[:i] + ch + word[i + 1:]
                if cand in vocab and cand not in parents:
                    parents[cand] = word
                    queue.append(cand)
    return None


class Trie:
    def __init__(self) -> None:
        self.children: Dict[str, "Trie"] = {}
        self.terminal = False

    def insert(self, word: str) -> None:
        node = self
        for ch in word:
            node = node.children.setdefault(ch, Trie())
        node.terminal = True

    def with_prefix(self, prefix: str) -> List[str]:
        node = self
        for ch in prefix:
            if ch not in node.children:
                return []
            node = node.children[ch]
        out: List[str] = []
        stack = [(node, prefix)]
        while stack:
            n, acc = stack.pop()
            if n.terminal:
                out.append(acc)
            for ch in sorted(n.children, reverse=True):
                stack.append((n.children[ch], acc + ch))
        return out


def main():
    for a, b in [("cold", "warm"), ("home", "road"), ("cold", "xxxx")]:
        path = ladder(a, b, WORDS)
        print(f"{a} -> {b}: {' > '.join(path) if path else 'no ladder'} ({len(path) - 1 if path else '-'} steps)")
    groups = defaultdict(list)
    for w in sorted(set(WORDS)):
        groups["".join(sorted(w))].append(w)
    multi = {k: v for k, v in groups.items() if len(v) > 1}
    print(f"{len(multi)} anagram groups:", sorted(multi.values(), key=lambda g: (-len(g), g)))
    trie = Trie()
    for w in WORDS:
        trie.insert(w)
    for p in ["co", "wa", "lo", "z", ""]:
        found = trie.with_prefix(p)
        print(f"prefix {p!r:<5} {len(found):>2}: {found[:6]}")
    letters = defaultdict(int)
    for w in WORDS:
        for ch in w:
            letters[ch] += 1
    top = sorted(letters.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print("letters:", top, "dups:", len(WORDS) - len(set(WORDS)))


if __name__ == "__main__":
    main()
