# Subclasses of dict, list and str that override an operator method and call
# the built-in one explicitly (dict.__setitem__(self, ...)), as tutorials on
# dunder methods do; the same file runs under CPython and mpbox.


class LoggingDict(dict):
    def __setitem__(self, key, value):
        print("set", key, value)
        dict.__setitem__(self, key, value)

    def __getitem__(self, key):
        print("get", key)
        return dict.__getitem__(self, key)

    def __delitem__(self, key):
        print("del", key)
        dict.__delitem__(self, key)


d = LoggingDict()
d["a"] = 1
d["b"] = 2
print(d["a"] + d["b"])
del d["a"]
print(d, len(d), "b" in d, list(d))


class DefaultZero(dict):
    def __getitem__(self, key):
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            return 0


z = DefaultZero(x=5)
print(z["x"], z["missing"])


class Lower(dict):
    # keys kept in lower case, through super() and through the base
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return dict.__contains__(self, key.lower())


low = Lower()
low["Name"] = "Ada"
print(low["NAME"], "nAmE" in low, low)


class Doubled(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i) * 2

    def __len__(self):
        return list.__len__(self) + 1

    def __iter__(self):
        return iter([x * 10 for x in list.__iter__(self)])


w = Doubled([1, 2, 3])
print(w[0], w[2], len(w), list(w))


class Middle(LoggingDict):
    pass


class Bottom(Middle):
    def __setitem__(self, key, value):
        print("bottom", key)
        Middle.__setitem__(self, key, value)


b = Bottom()
b["k"] = 9
print(dict.__getitem__(b, "k"), dict.__len__(b))


class Shout(str):
    def __getitem__(self, i):
        return str.__getitem__(self, i).upper()


print(Shout("hello")[1], Shout("hello")[1:3], str.__len__(Shout("hey")))
print(dict.__getitem__({"p": 1}, "p"), list.__len__([1, 2]), tuple.__getitem__((4, 5), 1))
