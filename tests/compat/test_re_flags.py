# re's flags print as CPython's RegexFlag members and combine as them.
import re

print(re.I, re.IGNORECASE, re.M | re.I, re.S, re.X, re.A, re.U, re.NOFLAG, re.DEBUG)
print(repr(re.I | re.M | re.S), str(re.I), re.I.value, re.M.name, (re.I | re.M).name)
print(re.I & re.M, re.I & 2, 2 | re.M, re.I == 2, int(re.I | re.S), isinstance(re.I, int))
print(re.compile('a', re.I | re.M), re.compile('a').flags, re.compile('a', re.I).flags)
print(re.findall('a.b', 'A\nB axb', re.I | re.S), re.search('^b', 'a\nb', re.M).group())
print(re.sub('x', '-', 'XxX', flags=re.IGNORECASE), re.split('[,;]', 'a,b;c', flags=0))
print(re.compile(rb'\d+', re.I).flags, re.compile(rb'a').pattern)
