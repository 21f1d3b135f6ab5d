# set and frozenset methods with any number of iterables, as CPython's.
s = {1, 2, 3}
print(s.union(), s.union([4]), s.union([4], (5,), {6}), frozenset([1]).union([2], [3]))
print(type(frozenset([1]).union()), type(frozenset([1]).intersection([1], [1, 2])))
print(s.intersection({2, 3}, [3, 9]), s.difference([1], [2]), s.intersection(), s.difference())
t = set(s); t.update([7], "a"); print(sorted(t, key=str))
t.intersection_update([1, 2, 7], [2, 7]); print(t)
t.difference_update([2], [9]); print(t)
t.update(); print(t, s.union() is s)
try:
    s.union(5)
except TypeError as e: print("TypeError:", e)
print(frozenset('ab').difference('a', 'b'), frozenset('abc').symmetric_difference('cd') == frozenset('abd'))
