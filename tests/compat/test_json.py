# json: CPython formatting and errors; output must be identical under CPython and mpbox.
# (MicroPython dicts do not keep insertion order: multi-key dicts are printed with sort_keys or sorted.)
import json
import io


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'raises', type(e).__name__, str(e))
        return
    print(label, r if isinstance(r, str) else repr(r))


data = {'name': 'Widget', 'tags': ['a', 'b'], 'price': 9.5, 'count': 3, 'ok': True, 'none': None,
        'nested': {'x': [1, 2, {'y': []}], 'empty': {}}}
show('default', lambda: json.dumps([1, 2.5, None, True, False, 'x', [], {}, (1, 2)]))
show('one key', lambda: json.dumps({'a': [1, {'b': None}]}))
show('sort_keys', lambda: json.dumps(data, sort_keys=True))
show('indent 2', lambda: json.dumps(data, indent=2, sort_keys=True))
show('indent 4 list', lambda: json.dumps([1, [2, [3]], {'k': 'v'}], indent=4))
show('indent str', lambda: json.dumps({'a': [1, 2]}, indent='\t'))
show('indent 0', lambda: json.dumps([1, [2]], indent=0))
show('indent empty', lambda: json.dumps({'a': [], 'b': {}}, indent=2, sort_keys=True))
show('separators compact', lambda: json.dumps(data, separators=(',', ':'), sort_keys=True))
show('separators indent', lambda: json.dumps([1, 2], indent=1, separators=(', ', ' = ')))
show('keys', lambda: json.dumps({1: 'int'}) + json.dumps({2.5: 'f'}) + json.dumps({True: 'b'}) +
     json.dumps({None: 'n'}) + json.dumps({False: 0}))
show('bad key', lambda: json.dumps({(1, 2): 'x'}))
show('skipkeys', lambda: json.dumps({(1, 2): 'x'}, skipkeys=True))
show('floats', lambda: json.dumps([0.1, 1.0, -0.0, 1e20, 1.5e-10, 123456789.0, 1 / 3]))
show('big int', lambda: json.dumps([2 ** 70, -2 ** 40]))
show('nan', lambda: json.dumps([float('nan'), float('inf'), -float('inf')]))
show('allow_nan', lambda: json.dumps(float('inf'), allow_nan=False))
show('escapes', lambda: json.dumps('quote " backslash \\ slash / nl \n cr \r tab \t bs \b ff \f nul \x00 us \x1f del \x7f'))
show('non-ascii', lambda: json.dumps('caf\u00e9 \u4e2d \U0001f600'))
show('non-ascii list', lambda: json.dumps(['\u00e9', {'k\u00e9y': '\u00fc'}]))
show('ensure_ascii False', lambda: json.dumps('caf\u00e9 \u4e2d \x7f', ensure_ascii=False))
show('ensure_ascii False escapes', lambda: json.dumps('\b\f\n', ensure_ascii=False))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


show('unserializable', lambda: json.dumps([Point(1, 2)]))
show('set', lambda: json.dumps({1, 2}))
show('bytes', lambda: json.dumps(b'x'))
show('default fn', lambda: json.dumps({'p': Point(1, 2)}, default=lambda o: [o.x, o.y]))
show('default str', lambda: json.dumps([Point(1, 2).x, {3}], default=sorted))


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {'x': o.x}
        return super().default(o)


show('cls', lambda: json.dumps([Point(5, 6)], cls=PointEncoder))
show('cls error', lambda: json.dumps([object()], cls=PointEncoder))
show('encoder', lambda: json.JSONEncoder(indent=1).encode([1, 'a']))
circ = []
circ.append(circ)
show('circular', lambda: json.dumps(circ))
show('circular dict', lambda: json.dumps({'a': circ}))
show('str top', lambda: json.dumps('plain'))
show('int subclass bool', lambda: json.dumps([True, 1, False]))

buf = io.StringIO()
json.dump({'k': [1, 2]}, buf, indent=2)
show('dump', lambda: buf.getvalue())
show('load', lambda: json.load(io.StringIO('{"k": [1, 2.0, "x"]}')))

# loads
show('loads', lambda: sorted(json.loads('{"a": 1, "b": [true, false, null], "c": "x"}').items()))
show('loads nums', lambda: json.loads('[0, -1, 1.5, -2.5e3, 1E2, 1e-2, 12345678901234567890]'))
show('loads ws', lambda: json.loads(' \n\t[ 1 , 2 ]\r\n'))
show('loads look-alikes', lambda: json.loads('["x,]", "a\\" \\"b", {"k": "1 ][ \\"z\\""}, "e \\\\x", "}{"]'))
show('loads escapes', lambda: json.loads('"a\\"b\\\\c\\/d\\ne\\tf\\u0041\\u00e9"') == 'a"b\\c/d\ne\tfA\u00e9')
show('loads surrogates', lambda: json.loads('"\\ud83d\\ude00"') == '\U0001f600')
show('loads utf8', lambda: json.loads('["\u00e9\u4e2d"]') == ['\u00e9\u4e2d'])
show('loads bytes', lambda: json.loads(b'{"a": 1}'))
show('loads nan', lambda: repr(json.loads('[NaN, Infinity, -Infinity]')))
show('loads top', lambda: (json.loads('1'), json.loads('"s"'), json.loads('null'), json.loads('3.0')))
show('object_hook', lambda: json.loads('{"a": {"b": 1}}', object_hook=lambda d: ('obj', sorted(d.items()))))
show('object_pairs_hook', lambda: json.loads('{"z": 1, "a": 2, "m": [{"y": 0, "b": 1}]}', object_pairs_hook=list))
show('parse_float', lambda: json.loads('[1.5, 2]', parse_float=str))
show('parse_int', lambda: json.loads('[1.5, 2]', parse_int=float))
show('parse_constant', lambda: json.loads('[NaN]', parse_constant=lambda s: 'const ' + s))
show('decoder', lambda: json.JSONDecoder().decode('[1]'))
show('raw_decode', lambda: json.JSONDecoder().raw_decode('[1, 2] tail'))
show('roundtrip', lambda: json.loads(json.dumps(data, indent=3)) == data)
show('roundtrip unicode', lambda: json.loads(json.dumps('\u00e9\U0001f600\n')) == '\u00e9\U0001f600\n')

# (a few documents the built-in parser tolerates, such as '[1 2]', '{"a" 1}', '["a" "b"]', invalid escapes
# or raw control characters in strings, load in mpbox instead of raising: see lib/python/json.py)
for bad in ['', '  ', '{', '[', '{"a":', '{a: 1}', "{'a': 1}", 'nul', 'tru', '-', '[1] x', '{}x', '"abc',
            '"\\u12"', '"\\ud83d\\u12"', 'NaNx', '[\n  1,\n  2\n  x]', '{"k": "caf\u00e9" x}', '[1, 2', '{"a": 1',
            '[1,]', '[1, ]', '{"a": 1,\n}', '[[1] [2]]', '[{} {}]', '{"a": {} "b": 2}', '["x" [1]]',
            '{"a": [1, 2,], "b": 3}', '[\n  {"a": 1},\n  {"b": 2},\n]',
            '{"bad": }', '{"a": 1, "b": }', '[1,,2]', '[,1]', '{,"a": 1}', '{"a"::1}', '{"a": ,1}',
            '{1: 2}', '{"a": {b: 1}}']:
    try:
        json.loads(bad)
        print(repr(bad), 'accepted')
    except json.JSONDecodeError as e:
        print(repr(bad.encode()), 'JSONDecodeError', str(e), '|', e.msg, e.pos, e.lineno, e.colno, e.doc == bad,
              isinstance(e, ValueError))
show('type error', lambda: json.loads(5))
