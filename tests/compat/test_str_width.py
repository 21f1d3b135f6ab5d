# Padded fields count characters, not UTF-8 bytes (guest/strwidth).
names = ['é', 'Zoë', '日本', '█▌', '€5', 'naïve café', '🙂', 'abc']
for n in names:
    print(f"[{n:<6}]", f"[{n:>6}]", f"[{n:^7}]", f"[{n:*^8}]", f"[{n:.<4}]")
    print("[{:<6}] [{:>6}] [{:^6}]".format(n, n, n), "[%-6s] [%6s]" % (n, n), "[" + format(n, '>5') + "]")
for n in names:
    print(f"|{n!r:<12}|{n!r:>12}|", f"{[n]!s:^14}|", f"{n:10}|")
# wider than the field, or no width at all: unchanged
print(f"[{'ééééé':<3}]", f"[{'ééé':3}]", f"[{'é'}]", "%s|%.1s" % ('ééé', 'x'))
# numbers keep their padding
print(f"[{12:>6}] [{-3.5:<8.2f}] [{1234567:^12,}] [{42:08d}] [{0.5:>7.1%}]")
table = [('Café', 3.5), ('Crème brûlée', 6.25), ('Thé', 2.0), ('Eau', 0.0)]
for item, price in table:
    print(f"{item:<14}{price:>6.2f} €")
print(f"{'Température':<12}|{'°C':^5}|")
