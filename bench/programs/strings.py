# String and list workload: build text, split, join, replace, upper/lower,
# slicing, sorting with a tuple key, membership tests.
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
         "hotel", "india", "juliet", "kilo", "lima", "mike", "november",
         "oscar", "papa", "quebec", "romeo", "sierra", "tango"]

def make_line(seed, n):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1101 + 12345) % 524288
        out.append(words[(x >> 7) % len(words)])
    return " ".join(out)

checksum = 0
longest = ""
for rep in range(8000):
    line = make_line(rep, 30)
    parts = line.split(" ")
    parts.sort(key=lambda w: (len(w), w))
    joined = ",".join(parts)
    up = joined.upper().replace("A", "4").replace("E", "3")
    rev = "|".join(reversed(up.split(",")))
    if "4LF4" in up:
        checksum += 1
    checksum = (checksum * 31 + len(rev) + rev.count(",")) % 1000003
    mid = joined[len(joined) // 3: 2 * len(joined) // 3].strip(",")
    if len(mid) > len(longest) or (len(mid) == len(longest) and mid > longest):
        longest = mid
    lowered = [p.lower() for p in up.split(",") if p.startswith("S") or p.endswith("O")]
    checksum = (checksum + len(lowered)) % 1000003
print("checksum:", checksum)
print("longest:", len(longest), longest[:40])
