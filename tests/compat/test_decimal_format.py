# Decimal.__format__ (lib/python/decimal.py): the format specs agents use,
# compared with CPython 3.11 (which refuses "_" and "#" for Decimal).
from decimal import Decimal as D
vals = [D('25.1'), D('2.07'), D('-1.005'), D('0'), D('-0.00'), D('1234567.891'), D('1E+5'), D('0.000012345'), D('999.995'), D('3.3'), D('100'), D('1.50'), D('12345678901234567890.5'), D('Infinity'), D('-NaN')]
specs = ['', '.2f', '>10.2f', ',.2f', '+.1f', 'e', '.3e', 'g', '.3g', '.2%', '010.2f', '<8', '^9.1f', '_', '.0f', '#.0f', 'f', 'E', 'G', ' .2f', '*>12,.3f', 'z.1f']
for v in vals:
    out = []
    for sp in specs:
        try:
            out.append(format(v, sp))
        except Exception as e:
            out.append(type(e).__name__)
    print(repr(v), out)
print(f'{D("25.10"):<9} {D("2.07"):>8.2f}', '{:,}'.format(D('1234.5')))
