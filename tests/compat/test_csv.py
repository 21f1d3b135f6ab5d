# csv: output must be identical under CPython 3.11 and mpbox.
import csv
import io


def rows(text, **kw):
    try:
        r = csv.reader(io.StringIO(text), **kw)
        out = []
        for row in r:
            out.append((r.line_num, row))
        print(repr(text), kw, '->', out)
    except Exception as e:
        print(repr(text), kw, 'raised', type(e).__name__, str(e))


def written(data, **kw):
    s = io.StringIO()
    try:
        w = csv.writer(s, **kw)
        for row in data:
            w.writerow(row)
        print(kw, repr(s.getvalue()))
    except Exception as e:
        print(kw, 'raised', type(e).__name__, str(e), repr(s.getvalue()))


# reading
rows('a,b,c\r\n1,2,3\r\n')
rows('a,b,c\n1,2,3')
rows('a,"b,c",d\n"x ""quoted"" y",2\n')
rows('"multi\nline",2\nnext,row\n')
rows('"multi\r\nline",2\r\nnext,row\r\n')
rows('a,,c\n,\n\n,,\n')
rows('a, b,  c\n', skipinitialspace=True)
rows('a, "b, x",  c\n', skipinitialspace=True)
rows('a, "b, x",  c\n')
rows('a;b;c\n1;2;3\n', delimiter=';')
rows('a\tb\t"c\td"\n', dialect='excel-tab')
rows("a,'b,c',d\n", quotechar="'")
rows('a,b\\,c,d\\\ne\n', escapechar='\\')
rows('"a\\"b",c\n', escapechar='\\', doublequote=False)
rows('a,"b"c,d\n')
rows('a,"b"c,d\n', strict=True)
rows('a,"unterminated\n')
rows('a,"unterminated\n', strict=True)
rows('1,2.5,"x",-3e2,\n', quoting=csv.QUOTE_NONNUMERIC)
rows('1,abc\n', quoting=csv.QUOTE_NONNUMERIC)
rows('a,"b",c\n', quoting=csv.QUOTE_NONE)
rows('a\rb\rc\r')
rows('a,b\rc\n')
rows('x,y\r\n\r\nz,w\r\n')
rows('')
rows('single')
rows('a,b\nc,d', lineterminator='\n')
rows('"",""\n')
rows('a|b|"c|d"\n', delimiter='|')

# writing
written([['a', 'b', 'c'], [1, 2.5, None], ['x,y', 'q"uote', 'new\nline'], [], ['']])
written([['a b', 'c'], [True, False]], quoting=csv.QUOTE_ALL)
written([['text', 1, 2.5, None, True]], quoting=csv.QUOTE_NONNUMERIC)
written([['a,b', 'c']], quoting=csv.QUOTE_NONE)
written([['a,b', 'c"d', 'e\\f']], quoting=csv.QUOTE_NONE, escapechar='\\')
written([['c"d', 'x']], doublequote=False, escapechar='\\')
written([['c"d']], doublequote=False)
written([['a', 'b'], ['c\rd', 'e']], lineterminator='\n')
written([['a', 'b;c']], delimiter=';')
written([['a', 'b']], dialect='excel-tab')
written([['a', 'b']], dialect='unix')
written([['']], quoting=csv.QUOTE_NONE)
written([[None]])
written([["it's", 'x']], quotechar="'")
s = io.StringIO()
csv.writer(s).writerow(['\u00e9t\u00e9', 'na\u00efve'])
print(s.getvalue() == '\u00e9t\u00e9,na\u00efve\r\n')

s = io.StringIO()
w = csv.writer(s)
print(w.writerow(['abc', 'de']), repr(s.getvalue()))
w.writerows([[1, 2], (3, 4), 'xy'])
print(repr(s.getvalue()))
print(w.dialect.delimiter, repr(w.dialect.lineterminator), w.dialect.quoting, w.dialect.doublequote)

# round trip of awkward values
vals = [['', ' ', '"', '""', ',', '\n', '\r\n', 'a"b,c', ' lead', 'trail ', '\t'], ['x'] * 3]
s = io.StringIO()
csv.writer(s).writerows(vals)
print(repr(s.getvalue()))
print(list(csv.reader(io.StringIO(s.getvalue()))) == vals)

# dialects
csv.register_dialect('pipes', delimiter='|', quoting=csv.QUOTE_ALL)
print(sorted(csv.list_dialects()))
d = csv.get_dialect('pipes')
print(d.delimiter, d.quoting, d.quotechar, repr(d.lineterminator))
written([['a', 'b']], dialect='pipes')
rows('"a"|"b"\n', dialect='pipes')


class Semi(csv.excel):
    delimiter = ';'


s = io.StringIO()
csv.writer(s, dialect=Semi).writerow(['a', 'b;c'])
print(repr(s.getvalue()), list(csv.reader(io.StringIO('a;"b;c"\n'), Semi)))
csv.unregister_dialect('pipes')
for bad in (lambda: csv.get_dialect('nope'), lambda: csv.unregister_dialect('nope'),
            lambda: csv.writer(io.StringIO(), delimiter='ab'),
            lambda: csv.reader(io.StringIO(), delimiter=''),
            lambda: csv.writer(io.StringIO(), quoting=7),
            lambda: csv.writer(io.StringIO(), quotechar=None),
            lambda: csv.writer(io.StringIO(), bogus=1)):
    try:
        bad()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
print(issubclass(csv.Error, Exception), csv.excel.delimiter, repr(csv.excel.lineterminator),
      csv.excel_tab.delimiter == '\t')
print(csv.field_size_limit(), csv.field_size_limit(10), csv.field_size_limit())
rows('short,this field is too long\n')
csv.field_size_limit(131072)

# DictReader
text = 'name,age,city\r\nAlice,30,Paris\r\nBob,25\r\n\r\nCarol,41,Rome,extra,more\r\n'
r = csv.DictReader(io.StringIO(text))
print(r.fieldnames, r.line_num)
for row in r:
    print(r.line_num, sorted(row.items(), key=lambda kv: str(kv[0])), type(row).__name__)
r = csv.DictReader(io.StringIO('1;2\n3;4;5\n'), fieldnames=['a', 'b'], restkey='rest',
                   restval='?', delimiter=';')
for row in r:
    print([(k, row[k]) for k in ['a', 'b', 'rest'] if k in row])
r = csv.DictReader(io.StringIO('a,b\n1\n'), restval='default')
print([[(k, row[k]) for k in r.fieldnames] for row in r])
print(csv.DictReader(io.StringIO('')).fieldnames)
print(list(csv.DictReader(io.StringIO('only,header\n'))))

# DictWriter
s = io.StringIO()
w = csv.DictWriter(s, fieldnames=['name', 'score', 'note'])
print(w.writeheader())
w.writerow({'name': 'Ann', 'score': 9.5})
w.writerows([{'name': 'Bo, Jr.', 'score': 7, 'note': 'said "hi"'}, {'note': 'x'}])
print(repr(s.getvalue()))
try:
    w.writerow({'name': 'x', 'bad': 1})
except ValueError as e:
    print('ValueError', e)
w = csv.DictWriter(s, ['a'], extrasaction='ignore', restval='R')
w.writerow({'b': 1})
print(repr(s.getvalue()[-5:]))
try:
    csv.DictWriter(s, ['a'], extrasaction='maybe')
except ValueError as e:
    print('ValueError', e)

# real files
with open('compat_csv_test.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'label'])
    for i in range(3):
        w.writerow([i, 'item %d, "q"' % i])
with open('compat_csv_test.csv', newline='') as f:
    print(list(csv.reader(f)))
with open('compat_csv_test.csv', encoding='utf-8', newline='') as f:
    print([row['label'] for row in csv.DictReader(f)])
with open('compat_csv_test.csv', 'rb') as f:
    print(f.read())
import os
os.remove('compat_csv_test.csv')

# Sniffer
samples = ['a,b,c\n1,2,3\n4,5,6\n',
           'name;age\nx;1\ny;2\n',
           'h1\th2\th3\nv1\tv2\tv3\n',
           '"a","b"\n"c","d"\n',
           "'a';'b'\n'c';'d'\n",
           'x, y, z\n1, 2, 3\n',
           'name,age,height\nAlice,30,1.70\nBob,25,1.80\n',
           'a|b|c\n1|2|3\n5|6|7\n',
           'id,"name, full",age\n1,"Smith, J",30\n2,"Doe, A",40\n',
           'a;b;c\n"x;y";2;3\n', 'date,value\n2024-01-01,5\n2024-01-02,7\n',
           'one two three\nfour five six\n', 'k=v&x=y\nk=w&x=z\n',
           '"quoted ""inner""",b\n"x",y\n',
           'product,price,qty\nApple,1.20,10\nBanana,0.50,20\nCherry,3.00,5\n',
           'a, "b c", d\n1, "2 3", 4\n', 'x\ty\n1\t2\n3\t4\n5\t6\n']
sn = csv.Sniffer()
for smp in samples:
    try:
        d = sn.sniff(smp)
        print(repr(d.delimiter), repr(d.quotechar), d.skipinitialspace, d.doublequote,
              sn.has_header(smp))
    except csv.Error as e:
        print('Error', e)
print(sn.has_header('1,2,3\n4,5,6\n'), sn.has_header('id,value\n1,2.5\n2,3.5\n'))
print(sn.sniff('a:b:c\n1:2:3\n', delimiters=':').delimiter)

# generated inputs: pieces that exercise quoting, spaces, escapes and line
# ends, read under several dialect settings; and rows written and read back
seed = 3


def rnd(m):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 8) % m


PIECES = ['a', 'bc', '1.5', '-2', ' ', '  ', ',', ';', '"', '""', '"x"', '"a,b"', '"q""q"',
          '\\', '\\,', '\r\n', '\n', '\r', "'", 'x"y', '"\n"', '', '\t', '3e2']
SETTINGS = [{}, {'skipinitialspace': True}, {'delimiter': ';'}, {'quoting': csv.QUOTE_NONE},
            {'escapechar': '\\'}, {'doublequote': False, 'escapechar': '\\'},
            {'quotechar': "'"}, {'strict': True}, {'quoting': csv.QUOTE_NONNUMERIC},
            {'quoting': csv.QUOTE_NONE, 'escapechar': '\\'}]
for k in range(120):
    text = ''.join(PIECES[rnd(len(PIECES))] for _ in range(1 + rnd(14)))
    kw = SETTINGS[k % len(SETTINGS)]
    try:
        out = [(r.line_num, row) for r in [csv.reader(io.StringIO(text), **kw)] for row in r]
        print(k, repr(text), out)
    except (csv.Error, ValueError) as e:
        print(k, repr(text), type(e).__name__, e)

VALUES = ['', 'plain', 'a,b', 'say "hi"', ' lead', 'trail ', 'line\nbreak', 'cr\rhere', ';', "it's",
          '\\path', 7, 2.5, -1, None, True]
for k in range(60):
    row = [VALUES[rnd(len(VALUES))] for _ in range(1 + rnd(5))]
    kw = [{}, {'quoting': csv.QUOTE_ALL}, {'quoting': csv.QUOTE_NONNUMERIC}, {'delimiter': ';'},
          {'escapechar': '\\', 'doublequote': False}, {'lineterminator': '\n'},
          {'quoting': csv.QUOTE_NONE, 'escapechar': '\\'}, {'quotechar': "'"}][k % 8]
    s = io.StringIO()
    try:
        csv.writer(s, **kw).writerow(row)
        back = list(csv.reader(io.StringIO(s.getvalue()), **kw))
        print(k, repr(s.getvalue()), back)
    except (csv.Error, ValueError) as e:
        print(k, row, type(e).__name__, e)

# dialects whose quotechar is None
csv.register_dialect('noquote', quoting=csv.QUOTE_NONE, quotechar=None, escapechar='\\')
s = io.StringIO()
csv.writer(s, dialect='noquote').writerow(['say "hi"', 'a,b'])
print(repr(s.getvalue()), list(csv.reader(io.StringIO(s.getvalue()), dialect='noquote')))


class NoQuote(csv.Dialect):
    delimiter = ';'
    quotechar = None
    escapechar = None
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = csv.QUOTE_NONE


s = io.StringIO()
csv.writer(s, dialect=NoQuote).writerow(['x"y', 'z'])
print(repr(s.getvalue()), csv.get_dialect('noquote').quotechar)
