# Order build steps with graphlib.TopologicalSorter.
from graphlib import TopologicalSorter, CycleError
deps = {"app": {"lib", "config"}, "lib": {"core"}, "config": {"core"}, "tests": {"app"}}
ts = TopologicalSorter(deps)
order = list(ts.static_order())
print(order[0], order[-1], len(order))
print(order.index("core") < order.index("lib") < order.index("app"))
ts2 = TopologicalSorter()
ts2.add("b", "a")
ts2.add("c", "b")
print(list(ts2.static_order()))
try:
    list(TopologicalSorter({"x": {"y"}, "y": {"x"}}).static_order())
except CycleError as exc:
    print("cycle:", type(exc).__name__)
