from __future__ import annotations
from typing import Any, Iterator, Optional


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value: Any, next: Optional[Node] = None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, items=()):
        self.head: Optional[Node] = None
        self._size = 0
        for item in reversed(list(items)):
            self.push_front(item)

    def push_front(self, value):
        self.head = Node(value, self.head)
        self._size += 1

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self._size += 1

    def remove(self, value):
        prev, cur = None, self.head
        while cur:
            if cur.value == value:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self._size -= 1
                return
            prev, cur = cur, cur.next
        raise ValueError(f"{value!r} not in list")

    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def __iter__(self) -> Iterator[Any]:
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next

    def __len__(self):
        return self._size

    def __contains__(self, value):
        return any(v == value for v in self)

    def __getitem__(self, index):
        if index < 0:
            index += len(self)
        for i, v in enumerate(self):
            if i == index:
                return v
        raise IndexError("LinkedList index out of range")

    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"


ll = LinkedList([3, 1, 4])
ll.append(1)
ll.append(5)
ll.push_front(9)
print(ll, len(ll), 4 in ll, 7 in ll, ll[0], ll[-1])
ll.remove(1)
ll.reverse()
print(ll, list(ll), sorted(ll), sum(ll))
for bad in (lambda: ll.remove(42), lambda: ll[10]):
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
n = Node(1)
try:
    n.color = "red"
except AttributeError as e:
    print("AttributeError:", e)
print(LinkedList(), LinkedList("ab"), [x * 2 for x in LinkedList(range(4))])
