# queue for mpbox, written from the CPython 3.11 documentation: Queue
# (FIFO), LifoQueue, PriorityQueue and SimpleQueue with Empty and Full.
#
# The sandbox has no threads, so nothing can put into a queue while a get()
# waits, or take from it while a put() waits. A blocking call that would
# wait forever in CPython (get() on an empty queue, put() on a full one,
# join() with unfinished tasks, no timeout) raises RuntimeError instead of
# hanging; with a timeout it sleeps that long and raises Empty or Full, as
# CPython would with no other thread.
import heapq as _heapq
import time as _time
from collections import deque as _deque

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Empty(Exception):
    """Raised by a non-blocking get() (or one that timed out) on an empty queue."""


class Full(Exception):
    """Raised by a non-blocking put() (or one that timed out) on a full queue."""


def _wait(block, timeout, exc, what):
    # what CPython does when no other thread can change the queue
    if not block:
        raise exc
    if timeout is None:
        raise RuntimeError('%s would block forever: the sandbox has no threads, so nothing '
                           'can change the queue (use %s_nowait() or a timeout)' % (what, what))
    if timeout < 0:
        raise ValueError("'timeout' must be a non-negative number")
    _time.sleep(timeout)
    raise exc


class Queue:
    """A FIFO queue of at most maxsize items (no limit when maxsize <= 0)."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.unfinished_tasks = 0

    def task_done(self):
        """Tell the queue that an item taken by get() has been processed."""
        if self.unfinished_tasks <= 0:
            raise ValueError('task_done() called too many times')
        self.unfinished_tasks -= 1

    def join(self):
        """Return once every item put has been marked task_done()."""
        if self.unfinished_tasks:
            raise RuntimeError('join() would block forever: %d task%s not marked task_done() '
                               'and the sandbox has no threads to do it'
                               % (self.unfinished_tasks, '' if self.unfinished_tasks == 1 else 's'))

    def qsize(self):
        return self._qsize()

    def empty(self):
        return not self._qsize()

    def full(self):
        return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        """Put item in the queue (see the module's note on blocking)."""
        if self.maxsize > 0 and self._qsize() >= self.maxsize:
            _wait(block, timeout, Full, 'put')
        self._put(item)
        self.unfinished_tasks += 1

    def get(self, block=True, timeout=None):
        """Remove and return an item (see the module's note on blocking)."""
        if not self._qsize():
            _wait(block, timeout, Empty, 'get')
        return self._get()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    # the storage; the subclasses change the order
    def _init(self, maxsize):
        self.queue = _deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()

    __class_getitem__ = classmethod(lambda cls, params: _generic(cls, params))


def _generic(cls, params):
    from _mpbox_generic import GenericAlias
    return GenericAlias(cls, params)


class PriorityQueue(Queue):
    """Items come out lowest first (heapq order): put (priority, data) tuples."""

    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        _heapq.heappush(self.queue, item)

    def _get(self):
        return _heapq.heappop(self.queue)


class LifoQueue(Queue):
    """The last item put is the first out (a stack)."""

    def _init(self, maxsize):
        self.queue = []

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    """An unbounded FIFO queue without task tracking."""

    def __init__(self):
        self._queue = _deque()

    def put(self, item, block=True, timeout=None):
        self._queue.append(item)

    def put_nowait(self, item):
        self._queue.append(item)

    def get(self, block=True, timeout=None):
        if not self._queue:
            _wait(block, timeout, Empty, 'get')
        return self._queue.popleft()

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        return not self._queue

    def qsize(self):
        return len(self._queue)

    __class_getitem__ = classmethod(lambda cls, params: _generic(cls, params))
