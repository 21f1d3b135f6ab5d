# Shallow vs deep copy, and custom __copy__/__deepcopy__.
import copy

original = {"name": "cfg", "values": [1, 2, [3, 4]], "meta": {"v": 1}}
shallow = copy.copy(original)
deep = copy.deepcopy(original)
shallow["values"].append(5)
deep["values"][2].append(99)
shallow["name"] = "changed"
print(original)
print(shallow)
print(deep)
print(shallow["meta"] is original["meta"], deep["meta"] is original["meta"])

lst = [[0] * 2] * 2
lst[0][0] = 1
print(lst)
fixed = [[0] * 2 for _ in range(2)]
fixed[0][0] = 1
print(fixed)


class Node:
    def __init__(self, value, children=None):
        self.value = value
        self.children = children or []

    def __repr__(self):
        return f"Node({self.value}, {self.children})"


tree = Node(1, [Node(2), Node(3, [Node(4)])])
t2 = copy.deepcopy(tree)
t2.children[1].value = 30
print(tree)
print(t2)

shared = [1]
pair = [shared, shared]
dc = copy.deepcopy(pair)
print(dc[0] is dc[1], dc[0] is shared)


class Tracked:
    def __init__(self, data):
        self.data = data

    def __copy__(self):
        print("__copy__ called")
        return Tracked(self.data)

    def __deepcopy__(self, memo):
        print("__deepcopy__ called")
        return Tracked(copy.deepcopy(self.data, memo))


t = Tracked([1, 2])
c1 = copy.copy(t)
c2 = copy.deepcopy(t)
print(c1.data is t.data, c2.data is t.data, c2.data == t.data)
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc)
print(copy.copy((1, 2)) is not None, copy.copy("s"), copy.deepcopy(3.5))
