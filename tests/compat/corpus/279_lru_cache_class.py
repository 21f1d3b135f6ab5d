"""Implement an LRU cache with OrderedDict and compare with functools.lru_cache."""
from collections import OrderedDict
from functools import lru_cache
from typing import Generic, Hashable, Optional, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be >= 1, got {capacity}")
        self.capacity = capacity
        self._data: "OrderedDict[K, V]" = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: K) -> Optional[V]:
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return None

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            evicted, _ = self._data.popitem(last=False)
            print(f"    evict {evicted!r}")

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        items = ", ".join(f"{k!r}: {v!r}" for k, v in self._data.items())
        return f"{type(self).__name__}({self.capacity}, {{{items}}})"


@lru_cache(maxsize=3)
def slow_square(n: int) -> int:
    print(f"    computing {n}^2")
    return n * n


def main():
    cache: LRUCache[str, int] = LRUCache(3)
    for op in ["put a 1", "put b 2", "get a", "put c 3", "put d 4", "get b", "get a", "put e 5", "get c"]:
        parts = op.split()
        if parts[0] == "put":
            cache.put(parts[1], int(parts[2]))
            print(f"{op:<10} {cache}")
        else:
            print(f"{op:<10} -> {cache.get(parts[1])}")
    print(f"hits={cache.hits} misses={cache.misses} ratio={cache.hits / (cache.hits + cache.misses):.2%}")
    for n in [2, 3, 2, 4, 5, 2, 3]:
        print(f"  square({n}) = {slow_square(n)}")
    info = slow_square.cache_info()
    print(info)
    print(info.hits, info.misses, info.maxsize, info.currsize)
    slow_square.cache_clear()
    print(slow_square.cache_info())
    od = OrderedDict.fromkeys("abcde", 0)
    od.move_to_end("b", last=False)
    print(od, list(od.keys()))
    print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(a=1, b=2) == OrderedDict(b=2, a=1))
    try:
        LRUCache(0)
    except ValueError as err:
        print("error:", err)


if __name__ == "__main__":
    main()
