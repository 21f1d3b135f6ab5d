"""__future__: the imports agents put at the top of files work; with
annotations postponed, dataclass field types are the annotation strings."""
from __future__ import annotations, division, print_function
from __future__ import generator_stop
import __future__
from dataclasses import dataclass, fields
from typing import List, Optional


@dataclass
class Node:
    name: str
    children: List[Node]
    parent: Optional[Node] = None


def total(xs: list[int]) -> int | None:
    return sum(xs) if xs else None


n = Node('root', [])
n.children.append(Node('leaf', [], n))
print(n.children[0].name, n.children[0].parent.name, total([1, 2]), total([]))
print([(f.name, f.type) for f in fields(Node)])
print(7 / 2, 7 // 2)
print(__future__.annotations, __future__.division.getMandatoryRelease())
print(__future__.all_feature_names)
print(__future__.CO_FUTURE_ANNOTATIONS, __future__.annotations.compiler_flag)
