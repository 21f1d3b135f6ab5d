# Write and read temporary files.
import tempfile
import os
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "data.csv")
    with open(path, "w") as f:
        f.write("a,b\n1,2\n3,4\n")
    with open(path) as f:
        rows = [line.strip().split(",") for line in f]
    print(rows)
    print(os.path.exists(path), os.listdir(d))
print(os.path.exists(path))
with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=True) as tmp:
    tmp.write("hello temp")
    tmp.seek(0)
    print(tmp.read(), tmp.name.endswith(".txt"))
