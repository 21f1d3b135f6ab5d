# f-strings: =, conversions, nested specs, alignment, numbers, dates.
from datetime import datetime, date
import math

name = "Ada"
age = 36
pi = math.pi
big = 1234567.891
print(f"{name=}, {age=}, {pi=:.3f}")
print(f"{name!r} {name!s} {name!a} {'café'!a}")
print(f"|{name:>10}|{name:<10}|{name:^10}|{name:*^11}|")
print(f"{pi:.2f} {pi:10.4f} {pi:e} {pi:.3E} {pi:g} {pi:%}")
print(f"{big:,} {big:,.2f} {big:_.1f} {int(big):_} {int(big):,d}")
print(f"{255:b} {255:o} {255:x} {255:X} {255:#x} {255:#o} {255:#b} {255:08b}")
print(f"{42:+d} {-42:+d} {42: d} {42:05d} {-42:06d} {3.5:+.1f}")
width, prec = 12, 3
print(f"[{pi:{width}.{prec}f}] [{name:>{width}}] [{big:{'>'}{width},.0f}]")
print(f"{0.000123:.2e} {123456789:.3g} {0.5:.0%} {1/3:.1%}")
now = datetime(2024, 2, 29, 13, 5, 9)
print(f"{now:%Y-%m-%d %H:%M:%S} {now:%d %b %Y} {now:%I:%M %p} {now:%a %j}")
print(f"{date(2024, 1, 5):%A}")
print(f"{{literal braces}} {'{'}{age}{'}'}")
items = ["a", "b"]
print(f"{len(items)} items: {', '.join(items)}")
print(f"{'nested ' + f'{age:03}'}")
print(f"{age if age > 18 else 'minor'} {[x ** 2 for x in range(3)]} {dict(a=1)['a']}")
print(f"{3 + 4j} {complex(1, -2)!r} {True} {None!r}")
print(f"{1e21} {1e-5} {123.0} {float('nan')} {-float('inf')}")
print(f"{12.5:08.2f} {-12.5:08.2f} {12:>+6} {'x':=>4}")
print(f"{1234.5:=+12,.2f}")
value = 7
print(f"{value = }", f"{value * 2 = }", f"{name.upper()=}")
