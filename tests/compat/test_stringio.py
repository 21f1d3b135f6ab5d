# io.StringIO / io.BytesIO line methods
import io

s = io.StringIO("alpha\nbeta\n\ngamma")
print(s.readlines())
s = io.StringIO("one\ntwo\nthree\nfour\n")
print(s.readline(), s.readlines(5), s.readlines())
out = io.StringIO()
out.writelines(["a\n", "b", "c\n"])
out.writelines(x + "\n" for x in "xyz")
print(repr(out.getvalue()))
b = io.BytesIO(b"1\n22\n333")
print(b.readlines(), b.readlines())
bo = io.BytesIO()
bo.writelines([b"ab", b"\n", b"cd"])
print(bo.getvalue())
print(io.StringIO("").readlines(), io.StringIO("no newline").readlines())
for line in io.StringIO("p\nq\n"):
    print(repr(line))
