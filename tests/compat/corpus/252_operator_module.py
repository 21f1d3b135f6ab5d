# The operator module: itemgetter, attrgetter, methodcaller and function forms.
import operator
from operator import itemgetter, attrgetter, methodcaller
from functools import reduce

rows = [("ann", "eng", 120), ("bo", "ops", 95), ("cy", "eng", 110), ("di", "ops", 95)]
print(sorted(rows, key=itemgetter(2)))
print(sorted(rows, key=itemgetter(1, 2)))
print(list(map(itemgetter(0), rows)))
get_pair = itemgetter(0, 2)
print(get_pair(rows[0]))
print(itemgetter("name")({"name": "x", "age": 3}))


class Emp:
    def __init__(self, name, city):
        self.name = name
        self.address = type("Addr", (), {"city": city})()

    def __repr__(self):
        return self.name


emps = [Emp("zed", "Oslo"), Emp("amy", "Bern"), Emp("kim", "Athens")]
print(sorted(emps, key=attrgetter("name")))
print(sorted(emps, key=attrgetter("address.city")))
print(list(map(methodcaller("upper"), ["a", "b"])), methodcaller("split", ",")("a,b,c"))
print(operator.add(2, 3), operator.mul("ab", 2), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 8), operator.neg(5), operator.not_(0))
print(operator.eq(1, 1.0), operator.lt("a", "b"), operator.contains([1, 2], 2))
print(operator.getitem([10, 20, 30], 1), operator.concat([1], [2]))
print(reduce(operator.or_, [{1}, {2}, {3}]), reduce(operator.xor, [5, 3, 1]))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.length_hint([1, 2, 3]), operator.index(7))
print(operator.itemgetter(slice(1, 3))("abcd"), operator.is_(None, None), operator.truth([]))
x = [1]
y = operator.iadd(x, [2])
print(x, y is x)
