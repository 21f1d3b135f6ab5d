# Building a report as text: 200k rows formatted with %, f-strings and
# str.join, then joined into one string and split back.
rows = []
for i in range(200000):
    name = "item%d" % i
    rows.append(f"{i:6d} | {name:<12} | {i * 37 % 1000:4d} | " + ",".join([str(i % 7), str(i % 11), str(i % 13)]))
text = "\n".join(rows)
lines = text.split("\n")
acc = 0
for line in lines[::997]:
    acc += len(line) + int(line.split("|")[2])
print("chars:", len(text), "lines:", len(lines), "acc:", acc)
print(lines[0])
print(lines[-1])
