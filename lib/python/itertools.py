"""itertools for mpbox: CPython's functions as generators (the module this
one replaces had count, cycle, repeat, chain, islice, accumulate, starmap
and tee; all are here, with CPython's arguments and errors)."""

__all__ = ['accumulate', 'batched', 'chain', 'combinations', 'combinations_with_replacement', 'compress', 'count',
           'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise', 'permutations', 'product',
           'repeat', 'starmap', 'takewhile', 'tee', 'zip_longest']


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for x in iterable:
        yield x
        saved.append(x)
    while saved:
        for x in saved:
            yield x


def repeat(obj, times=None):
    if times is None:
        while True:
            yield obj
    else:
        for _ in range(times):
            yield obj


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for x in it:
            total = total + x
            yield total
    else:
        for x in it:
            total = func(total, x)
            yield total


def batched(iterable, n):
    if n < 1:
        raise ValueError('n must be at least one')
    it = iter(iterable)
    while True:
        batch = tuple(islice(it, n))
        if not batch:
            return
        yield batch


class chain:
    def __init__(self, *iterables):
        self._its = iter(iterables)
        self._cur = None

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._its = iter(iterables)
        return c

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._cur is None:
                self._cur = iter(next(self._its))  # StopIteration ends the chain
            try:
                return next(self._cur)
            except StopIteration:
                self._cur = None


def compress(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    for x in iterable:
        if not predicate(x):
            return
        yield x


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


def _group(state, key):
    # the items of the current group; state: [iterator, current key, current value, done]
    while True:
        yield state[2]
        try:
            v = next(state[0])
        except StopIteration:
            state[3] = True
            return
        k = v if state[4] is None else state[4](v)
        state[2] = v
        if k != key:
            state[1] = k
            return


def groupby(iterable, key=None):
    it = iter(iterable)
    try:
        v = next(it)
    except StopIteration:
        return
    state = [it, v if key is None else key(v), v, False, key]
    while True:
        k = state[1]
        g = _group(state, k)
        yield k, g
        for _ in g:  # skip what the caller did not consume
            pass
        if state[3]:
            return


def islice(iterable, *args):
    if not 1 <= len(args) <= 3:
        raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1))
    start, stop, step = (None, args[0], None) if len(args) == 1 else (tuple(args) + (None,))[:3]
    for v in (start, stop):
        if v is not None and (not isinstance(v, int) or v < 0):
            raise ValueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
    start = start or 0
    step = 1 if step is None else step
    if not isinstance(step, int) or step < 1:
        raise ValueError('Step for islice() must be a positive integer or None.')
    it = iter(iterable)
    i = 0
    nxt = start
    if stop is not None and stop <= start:
        for _ in zip(range(stop), it):  # consumed as CPython does
            pass
        return
    for x in it:
        if i == nxt:
            yield x
            nxt += step
        i += 1
        if stop is not None and i >= stop:
            return


def pairwise(iterable):
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def tee(iterable, n=2):
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def gen(mine):
        while True:
            if not mine:
                try:
                    v = next(it)
                except StopIteration:
                    return
                for b in buffers:
                    b.append(v)
            yield mine.pop(0)

    return tuple(gen(b) for b in buffers)


def zip_longest(*iterables, fillvalue=None):
    its = [iter(x) for x in iterables]
    left = len(its)
    if not left:
        return
    while True:
        row = []
        for i in range(len(its)):
            it = its[i]
            if it is None:
                row.append(fillvalue)
                continue
            try:
                row.append(next(it))
            except StopIteration:
                its[i] = None
                left -= 1
                if not left:
                    return
                row.append(fillvalue)
        yield tuple(row)


def product(*iterables, repeat=1):
    # an odometer over the pools: lazy, so that a caller may stop early
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(p) for p in iterables] * repeat
    for p in pools:
        if not p:
            return
    n = len(pools)
    idx = [0] * n
    row = [p[0] for p in pools]
    while True:
        yield tuple(row)
        i = n - 1
        while i >= 0:
            idx[i] += 1
            if idx[i] < len(pools[i]):
                row[i] = pools[i][idx[i]]
                break
            idx[i] = 0
            row[i] = pools[i][0]
            i -= 1
        if i < 0:
            return


def permutations(iterable, r=None):
    # depth-first over unused positions, so the order is lexicographic in
    # the positions of the input (as CPython's)
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError('r must be non-negative')
    if r > n:
        return
    used = [False] * n
    chosen = []
    nxt = 0
    while True:
        if len(chosen) == r:
            yield tuple([pool[i] for i in chosen])
            nxt = n  # go back up
        while nxt < n and used[nxt]:
            nxt += 1
        if nxt < n:
            chosen.append(nxt)
            used[nxt] = True
            nxt = 0
        else:
            if not chosen:
                return
            last = chosen.pop()
            used[last] = False
            nxt = last + 1


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError('r must be non-negative')
    if r > n:
        return
    idx = list(range(r))
    yield tuple(pool[i] for i in idx)
    while True:
        i = r - 1
        while i >= 0 and idx[i] == i + n - r:
            i -= 1
        if i < 0:
            return
        idx[i] += 1
        for j in range(i + 1, r):
            idx[j] = idx[j - 1] + 1
        yield tuple(pool[i] for i in idx)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError('r must be non-negative')
    if not n and r:
        return
    idx = [0] * r
    yield tuple(pool[i] for i in idx)
    while True:
        i = r - 1
        while i >= 0 and idx[i] == n - 1:
            i -= 1
        if i < 0:
            return
        v = idx[i] + 1
        for j in range(i, r):
            idx[j] = v
        yield tuple(pool[i] for i in idx)
