# Templates with format_map and expandtabs.
class Defaults(dict):
    def __missing__(self, key):
        return f"<{key}>"

template = "Dear {name}, your order {order} ships on {date}."
print(template.format_map(Defaults(name="Sam", order=1234)))
print("{a}-{b}".format_map({"a": 1, "b": 2}))
print("col1\tcol2\tcol3".expandtabs(8))
print("a\tbb\tccc".expandtabs(4))
print("x\ty".expandtabs())
lines = "one\ntwo\r\nthree\n"
print(lines.splitlines())
print(lines.splitlines(keepends=True))
print("{0:>{1}}|".format("right", 10))
print("{:^9}|{:<5}|{:>5}".format("mid", "l", "r"))
