# operator: the operator functions, itemgetter, attrgetter (dotted names),
# methodcaller. The output must be identical under CPython and mpbox.
import operator
from operator import itemgetter, attrgetter, methodcaller


def err(f, *a, **kw):
    try:
        return f(*a, **kw)
    except Exception as e:
        return type(e).__name__


print('-- arithmetic')
print(operator.add(2, 3), operator.sub(2, 3), operator.mul(4, 5), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(5), operator.pos(-5), operator.abs(-3))
print(operator.add('ab', 'cd'), operator.mul('ab', 3), operator.add([1], [2]), operator.mod('%d%%', 5))
print(err(operator.truediv, 1, 0), err(operator.add, 1, 'a'), operator.floordiv(-7, 2), operator.mod(-7, 2))
print(operator.lshift(1, 4), operator.rshift(256, 2), operator.and_(12, 10), operator.or_(12, 10))
print(operator.xor(12, 10), operator.inv(5), operator.invert(0), operator.and_({1, 2}, {2, 3}))
print(operator.index(7), err(operator.index, 1.5), operator.concat([1], [2]), operator.concat('a', 'b'))
print(err(operator.concat, 1, 2))

print('-- comparisons and logic')
print(operator.eq(1, 1), operator.ne(1, 1), operator.lt(1, 2), operator.le(2, 2), operator.gt(1, 2))
print(operator.ge(3, 2), operator.not_(0), operator.not_([1]), operator.truth(''), operator.truth('x'))
print(operator.is_(None, None), operator.is_not(1, None), operator.lt('a', 'b'), err(operator.lt, 1, 'a'))

print('-- sequences')
d = {'a': 1}
l = [1, 2, 3, 2]
print(operator.getitem(l, 1), operator.getitem(d, 'a'), operator.getitem('hello', -1))
operator.setitem(l, 0, 'x')
operator.delitem(l, 1)
print(l, operator.contains(l, 3), operator.contains('abc', 'd'), operator.countOf(l, 2), operator.indexOf(l, 3))
print(err(operator.indexOf, l, 99), err(operator.getitem, d, 'zz'), operator.length_hint([1, 2]))
operator.setitem(d, 'b', 2)
operator.delitem(d, 'a')
print(d)

print('-- in-place')
x = [1]
y = operator.iadd(x, [2])
print(x, y is x, operator.iadd(1, 2), operator.isub(5, 3), operator.imul('a', 3), operator.itruediv(1, 4))
print(operator.ifloordiv(9, 2), operator.imod(9, 4), operator.ipow(3, 3), operator.ior(1, 2), operator.iand(3, 6))
print(operator.ixor(3, 5), operator.ilshift(1, 3), operator.irshift(16, 2), operator.iconcat([1], [5]))

print('-- itemgetter')
rows = [('ann', 31, 'eng'), ('bob', 25, 'ops'), ('cy', 35, 'eng'), ('di', 25, 'eng')]
print(sorted(rows, key=itemgetter(1, 0)), itemgetter(0)(rows[0]), itemgetter(2, 0)(rows[1]))
print(max(rows, key=itemgetter(1)), list(map(itemgetter(0), rows)), itemgetter(3)('abcdef'))
recs = [{'name': 'x', 'v': 3}, {'name': 'y', 'v': 1}]
print(sorted(recs, key=itemgetter('v')), itemgetter('name', 'v')(recs[0]), err(itemgetter('zz'), recs[0]))
print(itemgetter(-1)([1, 2, 3]), err(itemgetter(5), [1]), repr(itemgetter(1)), repr(itemgetter('a', 2)))

print('-- attrgetter')


class Addr:
    def __init__(self, city):
        self.city = city


class Person:
    def __init__(self, name, age, city):
        self.name = name
        self.age = age
        self.addr = Addr(city)

    def __repr__(self):
        return 'P(%s)' % self.name


people = [Person('ann', 31, 'Oslo'), Person('bob', 25, 'Rome'), Person('cy', 35, 'Lima')]
print(sorted(people, key=attrgetter('age')), attrgetter('name')(people[0]), attrgetter('name', 'age')(people[1]))
print(attrgetter('addr.city')(people[2]), sorted(people, key=attrgetter('addr.city')))
print(attrgetter('name', 'addr.city')(people[0]), err(attrgetter('nope'), people[0]), err(attrgetter, 1))
print(repr(attrgetter('a.b')), repr(attrgetter('x', 'y')))

print('-- methodcaller')
print(methodcaller('upper')('abc'), methodcaller('split', ',')('a,b,c'), methodcaller('replace', 'a', 'o')('banana'))
print(methodcaller('get', 'k', 'default')({}), list(map(methodcaller('strip'), [' a ', 'b '])))
print(methodcaller('count', 'a')('banana'), err(methodcaller('nope'), 'x'), err(methodcaller, 5))
print(repr(methodcaller('split', ',', 1)), repr(methodcaller('f')))

print('-- with other builtins')
from functools import reduce
print(reduce(operator.mul, range(1, 8)), list(map(operator.add, [1, 2], [10, 20])), sum(map(operator.mul, [1, 2], [3, 4])))
print(sorted({'b': 2, 'a': 3, 'c': 1}.items(), key=itemgetter(1)), dict(map(itemgetter(0, 1), rows))['bob'])
