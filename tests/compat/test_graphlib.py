# graphlib: static_order in CPython's order, the incremental API, errors.
from graphlib import TopologicalSorter, CycleError

# (graphs given as dicts follow the dict's order: built with add() here)
ts = TopologicalSorter()
for node, preds in [('d', ['b', 'c']), ('c', ['a']), ('b', ['a']), ('e', [])]:
    ts.add(node, *preds)
print(list(ts.static_order()))
print(list(TopologicalSorter({1: [2, 3]}).static_order()))
ts = TopologicalSorter()
ts.add('deploy', 'test', 'build')
ts.add('test', 'build')
ts.add('build', 'fetch')
ts.add('docs')
ts.prepare()
rounds = []
while ts.is_active():
    ready = ts.get_ready()
    rounds.append(ready)
    ts.done(*ready)
print(rounds)
for edges in [[('a', 'b'), ('b', 'c'), ('c', 'a')], [(1, 1)], [('x', 'y'), ('y', 'z'), ('z', 'y')]]:
    graph = TopologicalSorter()
    for node, pred in edges:
        graph.add(node, pred)
    try:
        list(graph.static_order())
    except CycleError as e:
        print('cycle', e.args[0], e.args[1], isinstance(e, ValueError))
ts = TopologicalSorter({'b': ['a']})
for call in [ts.get_ready, lambda: ts.done('a')]:
    try:
        call()
    except ValueError as e:
        print('ValueError:', e)
ts.prepare()
for call in [ts.prepare, lambda: ts.add('c'), lambda: ts.done('zz'), lambda: ts.done('b')]:
    try:
        call()
    except ValueError as e:
        print('ValueError:', e)
print(ts.get_ready(), bool(ts))
ts.done('a')
try:
    ts.done('a')
except ValueError as e:
    print('ValueError:', e)
print(ts.get_ready(), ts.get_ready())
