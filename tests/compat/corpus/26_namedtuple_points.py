# Geometry with namedtuples: distances, centroid, bounding box, convex hull.
from collections import namedtuple
import math

Point = namedtuple("Point", ["x", "y"])
Segment = namedtuple("Segment", "start end")

pts = [Point(0, 0), Point(4, 0), Point(4, 3), Point(1, 1), Point(0, 3), Point(2, 5), Point(3, 1)]
print(pts[2], pts[2].x, pts[2]._asdict())
moved = pts[2]._replace(y=10)
print("moved:", moved, "original:", pts[2])

def dist(a, b):
    return math.hypot(a.x - b.x, a.y - b.y)

print("dist:", dist(pts[0], pts[2]), round(dist(pts[3], pts[5]), 4))
cx = sum(p.x for p in pts) / len(pts)
cy = sum(p.y for p in pts) / len(pts)
print(f"centroid: ({cx:.3f}, {cy:.3f})")
xs, ys = zip(*pts)
print("bbox:", (min(xs), min(ys)), (max(xs), max(ys)))

def cross(o, a, b):
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)

def hull(points):
    points = sorted(set(points))
    lower, upper = [], []
    for p in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]

h = hull(pts)
print("hull:", [tuple(p) for p in h])
area = abs(sum(a.x * b.y - b.x * a.y for a, b in zip(h, h[1:] + h[:1]))) / 2
print("hull area:", area)
perimeter = sum(dist(a, b) for a, b in zip(h, h[1:] + h[:1]))
print(f"perimeter: {perimeter:.4f}")
seg = Segment(pts[0], pts[2])
print(seg, Point._fields, len(seg))
closest = min(((a, b) for i, a in enumerate(pts) for b in pts[i + 1:]), key=lambda ab: dist(*ab))
print("closest pair:", closest)
print("angle:", round(math.degrees(math.atan2(3, 4)), 3))
