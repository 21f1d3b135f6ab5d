# str methods MicroPython lacks, grafted into the built-in str type at
# image time (lib/python/_mpbox_types.py), compared with CPython.
words = ['', 'a', 'ab', 'abc', 'Hello World', "they're bill's friends", 'hello world2x', '  x  ',
         'ABC def', 'x\ty\tz', 'a\tbc\td\n\te', '-42', '+7', '007', 'snake_case', '2fast', 'Title Case Here',
         'mIxEd CaSe', 'tab\there', 'line1\nline2\r\nline3\rend', '\x07bell', '_ok', 'not ok']
for s in words:
    print(repr(s))
    print(' ', [s.ljust(w) for w in (0, 3, 6)], [s.rjust(w, '*') for w in (0, 3, 6)],
          [s.center(w) for w in range(0, 8)], [s.center(w, '.') for w in (5, 6, 9)])
    print(' ', s.zfill(6), s.title(), s.istitle(), s.capitalize(), s.swapcase(), s.casefold())
    print(' ', s.isalnum(), s.isascii(), s.isdecimal(), s.isnumeric(), s.isidentifier(), s.isprintable(),
          s.isdigit(), s.isalpha(), s.isspace(), s.isupper(), s.islower())
    print(' ', repr(s.removeprefix('a')), repr(s.removesuffix('c')), repr(s.removeprefix('')), repr(s.expandtabs()),
          repr(s.expandtabs(4)), s.splitlines(), s.splitlines(True), s.splitlines(keepends=True))

table = str.maketrans('abc', 'xyz', 'd')
print(sorted(table.items()), 'abcdabcd'.translate(table))
print('hello'.translate({ord('h'): 'J', ord('l'): None, ord('o'): 48}))
print(sorted(str.maketrans({'a': '1', 98: None}).items()), 'banana'.maketrans('an', 'AN') == str.maketrans('an', 'AN'))
print('{name} is {age:>3} years, {name!r}'.format_map({'name': 'Ann', 'age': 7}))


class Default(dict):
    def __missing__(self, key):
        return '<' + key + '>'


print('{a} and {b}'.format_map(Default(a=1)))
for bad in (lambda: 'x'.ljust(5, '**'), lambda: 'x'.center(3, ''), lambda: 'x'.rjust('5'),
            lambda: 'x'.removeprefix(1), lambda: '{0}'.format_map({}), lambda: str.maketrans('ab', 'c'),
            lambda: 'a'.translate({97: 1.5})):
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# a report, as agents write it
rows = [('Widget', 4, 3.5), ('Gadget', 10, 12.25), ('Thingamajig', 1, 99.0)]
print('Item'.ljust(12) + 'Qty'.rjust(5) + 'Price'.rjust(10))
print('-' * 27)
for name, qty, price in rows:
    print(name.ljust(12) + str(qty).rjust(5) + ('%.2f' % price).rjust(10))
print('total'.upper().center(27, '='))
print(' '.join(w.capitalize() for w in 'the quick brown fox'.split()), 'id-42'.zfill(8), '42'.zfill(5))
print([w for w in ['abc', 'a1', '12', 'x_y', '1x', 'class'] if w.isidentifier()], 'ab12'.isalnum(), 'ab 12'.isalnum())
print([m in dir(str) for m in ('ljust', 'title', 'find', 'format')])
