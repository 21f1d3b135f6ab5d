# Loan amortization schedule.
principal = 25000.0
annual_rate = 0.065
months = 12
r = annual_rate / 12
payment = principal * r / (1 - (1 + r) ** -months)
print(f"monthly payment: {payment:,.2f}")
balance = principal
total_interest = 0.0
print(f"{'#':>3} {'payment':>10} {'interest':>10} {'principal':>10} {'balance':>12}")
for m in range(1, months + 1):
    interest = balance * r
    princ = payment - interest
    balance -= princ
    total_interest += interest
    print(f"{m:>3} {payment:>10,.2f} {interest:>10,.2f} {princ:>10,.2f} {max(balance, 0):>12,.2f}")
print(f"total interest: {total_interest:,.2f}")
print(round(total_interest, 2), round(payment * months - principal, 2))
