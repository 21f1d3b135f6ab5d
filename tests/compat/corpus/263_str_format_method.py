# str.format and format(): positional, named, attribute, index, conversions, specs.
from collections import namedtuple

print("{} + {} = {}".format(2, 3, 5))
print("{1} before {0}".format("a", "b"))
print("{name} is {age} years".format(name="Eve", age=30))
Point = namedtuple("Point", "x y")
pt = Point(3, 4)
print("x={0.x}, y={0.y}".format(pt))
print("first={0[0]}, key={1[k]}".format([9, 8], {"k": "v"}))
print("{!r} vs {!s}".format("text", "text"))
print("{:<8}|{:^8}|{:>8}".format("left", "mid", "right"))
print("{:-^20}".format(" title "))
print("{:.3}".format("truncate"), "{:.3}".format(3.14159), "{:.3f}".format(2))
print("{:,}".format(1234567), "{:_b}".format(255), "{:,.3f}".format(-9876.54321))
print("{:x} {:X} {:#o} {:c}".format(255, 255, 8, 65))
print("{0:{1}.{2}f}".format(3.14159, 10, 2))
print("{:e}".format(0.00012345), "{:.2%}".format(0.4567), "{:g}".format(1e-10), "{:g}".format(123456789))
print(format(3.14159, ".2f"), format(42, "08b"), format("s", "^5"), format(1e6, ","), format(0.5))
print(format(12345.678, "n"), format(10, ""), format(True), format(True, "d"), format(None))
data = [("apple", 1.5, 10), ("kiwi", 0.25, 200), ("watermelon", 3.0, 2)]
print("{:<12}{:>8}{:>6}".format("item", "price", "qty"))
for name, price, qty in data:
    print("{:<12}{:>8.2f}{:>6d}".format(name, price, qty))
print("{{escaped}} {}".format("ok"))
tmpl = "Hello, {user}! You have {n} new {what}."
print(tmpl.format(user="Sam", n=3, what="messages"))
print(tmpl.format_map(dict(user="Al", n=1, what="message")))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    format("x", "d")
except ValueError as e:
    print("ValueError:", e)
print("%(name)s scored %(score).1f" % {"name": "Ann", "score": 91.25})
print("%5s|%-5s|%05d|%+d|%.3e|%c" % ("a", "b", 42, 7, 12345.678, 66))
