# Allocation-heavy: a loop that makes a short-lived 350-byte string per
# iteration and keeps none (issue 11). Live data stays tiny; everything
# else is garbage that must be collected during the run.
total = 0
for i in range(2_000_000):
    s = str(i) * 50
    total += len(s)
print(total, s[:14])
