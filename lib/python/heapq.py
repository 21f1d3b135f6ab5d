# heapq for mpbox: MicroPython's built-in heappush/heappop/heapify (the same
# algorithm as CPython's) plus heapreplace, heappushpop, nlargest, nsmallest
# and merge.
from _builtin import builtin_module
_builtin = builtin_module('heapq')
del builtin_module

heappush = _builtin.heappush
heappop = _builtin.heappop
heapify = _builtin.heapify

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _sift_down(heap, start, pos):
    # move heap[pos] up towards start while it is smaller than its parent
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_up(heap, pos):
    # move the smaller child up until a leaf, then place the item (CPython's order)
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_down(heap, start, pos)


def heapreplace(heap, item):
    top = heap[0]
    heap[0] = item
    _sift_up(heap, 0)
    return top


def heappushpop(heap, item):
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_up(heap, 0)
    return item


def _ranked(n, iterable, key, largest):
    # the same result as sorted(iterable, key=key, reverse=largest)[:n];
    # the index keeps ties in input order without comparing the items
    if n <= 0:
        return []
    items = list(iterable)
    if key is None:
        dec = [(x, i) for i, x in enumerate(items)]
    else:
        dec = [(key(x), i) for i, x in enumerate(items)]
    if largest:
        dec = [(k, -i) for k, i in dec]
        dec.sort(reverse=True)
        return [items[-i] for k, i in dec[:n]]
    dec.sort()
    return [items[i] for k, i in dec[:n]]


def nsmallest(n, iterable, key=None):
    return _ranked(n, iterable, key, False)


def nlargest(n, iterable, key=None):
    return _ranked(n, iterable, key, True)


def merge(*iterables, key=None, reverse=False):
    heads = []
    for it in iterables:
        it = iter(it)
        for v in it:
            heads.append([v if key is None else key(v), v, it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            k = heads[i][0]
            if (heads[best][0] < k) if reverse else (k < heads[best][0]):
                best = i
        h = heads[best]
        yield h[1]
        for v in h[2]:
            h[0] = v if key is None else key(v)
            h[1] = v
            break
        else:
            heads.pop(best)
