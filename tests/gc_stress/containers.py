# Dicts (hash maps kept by the host), sets, lists and strings that grow
# while every allocation collects: entries, keys and values must survive
# each table's growth.
d = {}
for i in range(2000):
    d['k%d' % i] = (i, str(i) * 2)
    if i % 3 == 0:
        del d['k%d' % (i // 2)]
s = set()
for i in range(1500):
    s.add(str(i % 700) + 'x')
l = []
for i in range(1000):
    l.append([i, str(i)])
    if i % 5 == 0:
        l.pop(0)
b = bytearray()
for i in range(500):
    b += bytes(str(i), 'ascii')
w = {}
for word in ('alpha beta gamma delta ' * 200).split():
    w[word] = w.get(word, 0) + 1
print(len(d), d['k1999'], d.get('k0'), list(d)[:3], list(d)[-2:])
print(len(s), sorted(s)[:3])
print(len(l), l[0], l[-1])
print(len(b), bytes(b[:10]), bytes(b[-6:]))
print(sorted(w.items()))
print(sum(len(k) + len(v[1]) for k, v in d.items()))
