import gc
S = set()
class K:
    def __init__(s, h): s.h = h
    def __hash__(s): return s.h
    def __eq__(s, o):
        S.discard(o); S.update(range(s.h % 50)); gc.collect(); return s.h & 1
for i in range(300):
    S.add(K(i % 9)); S ^= {K(i % 5)}; S - {K(i % 3)}
print(len(S), sorted(hash(k) for k in S)[:5])
