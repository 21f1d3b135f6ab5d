# json.loads and json.dumps on generated documents and values, against
# CPython: valid documents of every kind, the same with one character
# inserted or deleted (errors and their positions), and values the
# built-in encoder must not be trusted with (NaN, subclasses, non-str
# keys). loads sends a document to the built-in parser only when the
# host's strict check passes (core/internal.c "json_check").
import json

seed = 12345


def rnd(n):
    # the same numbers under every Python (no random module)
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return (seed >> 8) % n


# ---- loads: documents built from these, then broken by one character
ATOMS = ['0', '-0', '1', '-12', '3.25', '-0.5e-3', '1E5', '2e+2', '1e400', '123456789012345678901234567890', 'true',
         'false', 'null', '""', '"a b"', '"\\u00e9\\n\\t\\"\\\\\\/"', '"\u00e9\u4e2d"', '"\\ud83d\\ude00"', '"\\b\\f"',
         '1.0', '0.1', '-0.0', '"\\u0000"']


def gen(d):
    k = rnd(6) if d < 4 else 0
    if k == 4:
        return '[' + ', '.join(gen(d + 1) for _ in range(rnd(4))) + ']'
    if k == 5:
        return '{' + ','.join('"k%d" : %s' % (rnd(5), gen(d + 1)) for _ in range(rnd(4))) + '}'
    return ATOMS[rnd(len(ATOMS))]


BAD = [',', ']', '}', '[', '{', ':', '"', '\\', ' ', '1', 'x', '\x01', '\t', '.', 'e', '-', 'NaN', 'Infinity', '\n']
docs = ['[1 2]', '{"a" 1}', '["a" "b"]', '"\\x"', '"\x01"', '[1,]', '{"a":1,}', 'NaN', '[Infinity, -Infinity]',
        '"\\ud800"', '"\\udc00x"', '01', '-', '1.', '.5', '1e', 'tru', '', ' ', '\ufeff{}', '\x0b1', '[,1]', '{,}',
        '[1]]', '{"a":1}}', '{1: 2}', '{"a": }', '[1,,2]', ' [ ] ', '{"":""}', '"\x7f"', '[' * 50 + ']' * 50,
        '[' * 995 + ']' * 995, '"a" "b"', '{"a":[1,{"b":null}]}', '\t\r\n 7 \n']
for i in range(300):
    doc = gen(0)
    docs.append(doc)
    for j in range(2):
        p = rnd(len(doc) + 1)
        if rnd(2):
            docs.append(doc[:p] + BAD[rnd(len(BAD))] + doc[p:])
        else:
            docs.append(doc[:p] + doc[p + 1:])
for doc in docs:
    try:
        v = json.loads(doc)
        r = repr(v)
        print('OK', r if len(r) < 300 else len(r))
    except (ValueError, RecursionError) as e:
        print(type(e).__name__, str(e)[:200])


# ---- dumps: values built from these, under five sets of options
class I(int):
    pass


class S(str):
    pass


class D(dict):
    pass


class L(list):
    pass


VALUES = [0, -1, 2**70, 1.5, -0.0, 1e16, 1e-7, float('nan'), float('inf'), True, False, None, 'x', 'é\n"\\', '\b\f\x01',
         '\u2028', '\U0001f600', I(3), S('s'), (1, 2), ()]
KEYS = ['k', 1, 2.5, True, None, 'é', I(4), (1,), float('inf')]


def value(d):
    k = rnd(7) if d < 4 else 0
    if k == 4:
        return [value(d + 1) for _ in range(rnd(4))]
    if k == 5:
        r = {}
        for _ in range(rnd(4)):
            key = KEYS[rnd(len(KEYS))]
            r[key] = value(d + 1)
        return r
    if k == 6:
        return [D(a=value(d + 1)), L([value(d + 1)])][rnd(2)]
    return VALUES[rnd(len(VALUES))]


for i in range(300):
    o = value(0)
    for kw in ({}, {'ensure_ascii': False}, {'allow_nan': False}, {'skipkeys': True}, {'default': repr}):
        try:
            print(json.dumps(o, **kw))
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
