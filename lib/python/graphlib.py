# graphlib for mpbox, written from the CPython 3.11 documentation:
# TopologicalSorter (add, prepare, is_active, get_ready, done,
# static_order) and CycleError. Nodes come out in the order the graph
# gives: those without predecessors in insertion order, then each node's
# successors in the order they were added, so static_order() gives
# CPython's sequence for the same calls.

__all__ = ['TopologicalSorter', 'CycleError']

_PASSED_OUT = -1
_DONE = -2


class CycleError(ValueError):
    """Raised by prepare() when the graph has a cycle; args[1] is the
    cycle as a list whose first and last nodes are the same."""
    pass


class _Node:
    __slots__ = ('node', 'npredecessors', 'successors')

    def __init__(self, node):
        self.node = node
        self.npredecessors = 0  # or _PASSED_OUT / _DONE once handed out
        self.successors = []


class TopologicalSorter:
    def __init__(self, graph=None):
        self._info = {}
        self._order = []  # nodes in insertion order
        self._ready = None
        self._npassedout = 0
        self._nfinished = 0
        if graph is not None:
            for node, preds in graph.items():
                self.add(node, *preds)

    def _node(self, node):
        info = self._info.get(node)
        if info is None:
            info = self._info[node] = _Node(node)
            self._order.append(node)
        return info

    def add(self, node, *predecessors):
        if self._ready is not None:
            raise ValueError('Nodes cannot be added after a call to prepare()')
        info = self._node(node)
        info.npredecessors += len(predecessors)
        for pred in predecessors:
            self._node(pred).successors.append(node)

    def prepare(self):
        if self._ready is not None:
            raise ValueError('cannot prepare() more than once')
        self._ready = [n for n in self._order if self._info[n].npredecessors == 0]
        cycle = self._find_cycle()
        if cycle:
            raise CycleError('nodes are in a cycle', cycle)

    def get_ready(self):
        if self._ready is None:
            raise ValueError('prepare() must be called first')
        result = tuple(self._ready)
        for node in result:
            self._info[node].npredecessors = _PASSED_OUT
        self._ready = []
        self._npassedout += len(result)
        return result

    def is_active(self):
        if self._ready is None:
            raise ValueError('prepare() must be called first')
        return self._nfinished < self._npassedout or bool(self._ready)

    def __bool__(self):
        return self.is_active()

    def done(self, *nodes):
        if self._ready is None:
            raise ValueError('prepare() must be called first')
        for node in nodes:
            info = self._info.get(node)
            if info is None:
                raise ValueError('node %r was not added using add()' % (node,))
            state = info.npredecessors
            if state != _PASSED_OUT:
                if state >= 0:
                    raise ValueError('node %r was not passed out (still not ready)' % (node,))
                raise ValueError('node %r was already marked done' % (node,))
            info.npredecessors = _DONE
            for succ in info.successors:
                sinfo = self._info[succ]
                sinfo.npredecessors -= 1
                if sinfo.npredecessors == 0:
                    self._ready.append(succ)
            self._nfinished += 1

    def _find_cycle(self):
        # depth-first over successors, nodes and edges in insertion order;
        # the first edge back into the current path closes a cycle
        seen = set()
        for start in self._order:
            if start in seen:
                continue
            path = [start]
            on_path = {start: 0}
            seen.add(start)
            pending = [0]  # next successor index of each node on the path
            while path:
                node = path[-1]
                succs = self._info[node].successors
                k = pending[-1]
                if k == len(succs):
                    path.pop()
                    pending.pop()
                    del on_path[node]
                    continue
                pending[-1] = k + 1
                nxt = succs[k]
                if nxt in on_path:
                    return path[on_path[nxt]:] + [nxt]
                if nxt in seen:
                    continue
                seen.add(nxt)
                on_path[nxt] = len(path)
                path.append(nxt)
                pending.append(0)
        return None

    def static_order(self):
        self.prepare()
        while self.is_active():
            group = self.get_ready()
            for node in group:
                yield node
            self.done(*group)
