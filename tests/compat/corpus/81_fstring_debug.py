# f-string debugging specifier and nested formats.
x = 42
name = "mpbox"
items = [1, 2, 3]
print(f"{x=}")
print(f"{name=}, {len(items)=}")
print(f"{x * 2 = }")
print(f"{3.14159=:.2f}")
print(f"{name!r:>10}|{name!s:<8}|")
width, prec = 12, 3
print(f"{2 / 3:{width}.{prec}f}|")
print(f"{'nested ' + name.upper()}")
print(f"{items[-1]} {items[0]:03d} {{literal}}")
d = {"k": "v"}
print(f"{d['k']} {d=}")
