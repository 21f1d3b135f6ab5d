# string: output must be identical under CPython 3.11 and mpbox.
import string
from string import Template, Formatter

for name in ['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits', 'hexdigits',
             'octdigits', 'printable', 'punctuation', 'whitespace']:
    print(name, repr(getattr(string, name)))

for s in ['hello world', '  hello   WORLD  again ', 'ALL CAPS', "it's o'neil", '', 'x']:
    print(repr(string.capwords(s)), repr(string.capwords(s, ' ')))
print(repr(string.capwords('a-b-c', '-')), repr(string.capwords('one,two', ',')))


def sub(t, *a, **k):
    try:
        print(repr(t.template), '->', repr(t.substitute(*a, **k)))
    except Exception as e:
        print(repr(t.template), 'raised', type(e).__name__, e.args)
    try:
        print('   safe ->', repr(t.safe_substitute(*a, **k)))
    except Exception as e:
        print('   safe raised', type(e).__name__, e.args)


d = {'who': 'tim', 'what': 'kung pao', 'n': 3}
for text in ['$who likes $what', '${who}s and $$5', 'Give $who $100', '$who $missing',
             'trailing $', 'x ${who', '${n}x${n}', '$who_x $who.x', 'line1\nline2 $ bad',
             '$$$who', '${ who}', '$1abc', 'no placeholders', '$WHO', '${_}', '']:
    sub(Template(text), d)
sub(Template('$a and $b'), {'a': 1}, b=2)
sub(Template('$a and $b'), {'a': 1, 'b': 0}, b=2)
sub(Template('$a'), a=[1, 2])
t = Template('$who likes ${what} and $who, $$ $')
print(t.get_identifiers(), t.is_valid(), Template('$a $b').is_valid())
print(Template.delimiter, t.template)


class Pct(Template):
    delimiter = '%'


sub(Pct('%who costs %%5 and %{what}'), d)

f = Formatter()
for fs in ['{0} and {1}', '{} {}', '{name}!', '{0:>5}|{1:<4}|', '{0!r} {0!s}', 'x{{y}}z{0}',
           '{0[1]} {p[k]}', '{0:{1}}', '{:.2f}', 'plain', '{{}}', '{0.real}']:
    print(repr(fs), list(f.parse(fs)))
print(f.format('{0} and {1}', 'a', 'b'))
print(f.format('{} {}', 1, 2))
print(f.format('{name}! {0}', 'x', name='N'))
print(f.format('{0:>5}|{1:<4}|{2:^7}|', 'ab', 'c', 'mid'))
print(f.format('{0!r} {0!s}', 'q'))
print(f.format('x{{y}}z{0}', 9))
print(f.format('{0[1]} {p[k]}', [5, 6], p={'k': 'v'}))
print(f.format('{0:{1}}', 42, '>6'))
print(f.format('{:.2f} {:05d} {:,}', 3.14159, 42, 1234567))
print(f.vformat('{a}-{b}', (), {'a': 1, 'b': 2}))
for bad in ['{0} {}', '{} {0}', '}', '{', '{0!x}', '{5}']:
    try:
        print(f.format(bad, 1))
    except Exception as e:
        print(repr(bad), type(e).__name__, e.args)


class Upper(Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return '<' + key + '>'
        return super().get_value(key, args, kwargs)


print(Upper().format('{0} {x} {missing}', 'abc', x='def'))
