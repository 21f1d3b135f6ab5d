# Format large numbers for a financial report.
revenue = [1234567.891, 98765.4321, 1000000, 0.5, -45231.1]
for r in revenue:
    print(f"{r:,.2f}".rjust(16), f"{r:_.1f}", f"{int(r):,}")
print(f"{10**9:,}", f"{10**9:_}", f"{255:_x}", f"{12345678:_b}")
print("{:,}".format(1234567))
print(format(1234567.891, ",.2f"))
print(format(0.256, ".1%"), format(42, "08.3f"), format(7, "+d"))
print(format(3.14159, "e"), format(1e-7, ".2e"), format(123456789, ".3g"))
total = sum(revenue)
print(f"Total: ${total:,.2f}")
print(f"{'-'*10:>12}")
