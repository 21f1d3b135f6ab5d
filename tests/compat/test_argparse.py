# argparse: parsing (positionals, options, nargs, types, choices, actions,
# defaults, groups, sub-commands, '--', negative numbers, abbreviations),
# the help and usage text, and the errors (message on stderr, SystemExit 2).
import argparse
import contextlib
import io
import sys


def run(parser, argv):
    err = io.StringIO()
    out = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            ns = parser.parse_args(argv)
        print(argv, '->', ns)
    except SystemExit as e:
        print(argv, '-> exit', e.code)
        for line in (out.getvalue() + err.getvalue()).splitlines():
            print('   |' + line)


p = argparse.ArgumentParser(prog='tool', description='Process some files.', epilog='See the docs.')
p.add_argument('name', help='the name to use')
p.add_argument('files', nargs='*', help='input files')
p.add_argument('-v', '--verbose', action='store_true', help='print more')
p.add_argument('-q', '--quiet', action='store_false', dest='loud')
p.add_argument('-n', '--num', type=int, default=3, help='how many (default: %(default)s)')
p.add_argument('--mode', choices=['fast', 'slow'], default='fast')
p.add_argument('--tag', action='append', help='a tag; may repeat')
p.add_argument('-d', action='count', default=0, help='debug level')
p.add_argument('--ratio', type=float)
p.add_argument('--pair', nargs=2, metavar=('K', 'V'))
p.add_argument('--opt', nargs='?', const='C', default='D')
p.add_argument('--many', nargs='+')
p.add_argument('--const', action='store_const', const=42)
for argv in [['bob'], ['bob', 'a.txt', 'b.txt', '-v'], ['-v', 'bob', '-n', '7', '--mode', 'slow'],
             ['bob', '--num=5', '-ddd', '--tag', 'x', '--tag=y', '-q'], ['bob', '-n5', '--ratio', '-1.5'],
             ['bob', '--pair', 'k', 'v', '--opt'], ['bob', '--opt', 'val', '--many', '1', '2', '--const'],
             ['bob', '--', '-v', '--num'], ['bob', '--verb', '--mo', 'slow'], ['bob', '-vd'],
             [], ['bob', '-n', 'x'], ['bob', '--mode', 'medium'], ['bob', '--num'], ['bob', '--pair', 'k'],
             ['bob', '--many'], ['bob', '--unknown'], ['bob', '-x'], ['bob', '--ratio', 'abc'], ['-h']]:
    run(p, argv)
print(p.format_usage(), end='')
print(p.format_help(), end='')

g = argparse.ArgumentParser(prog='grp')
ex = g.add_mutually_exclusive_group()
ex.add_argument('--json', action='store_true')
ex.add_argument('--csv', action='store_true')
req = g.add_mutually_exclusive_group(required=True)
req.add_argument('--add', metavar='ITEM')
req.add_argument('--remove', metavar='ITEM')
section = g.add_argument_group('output', 'Where the results go.')
section.add_argument('-o', '--output', default='-', help='file to write')
g.add_argument('--no-color', dest='color', action='store_false', help='plain text')
g.add_argument('--level', type=int, choices=range(1, 4), default=1)
g.add_argument('--feature', action=argparse.BooleanOptionalAction, default=True, help='use the feature')
g.add_argument('--ext', action='extend', nargs='+', type=str)
for argv in [['--add', 'x'], ['--add', 'x', '--json'], ['--json', '--csv', '--add', 'a'], [],
             ['--add', 'a', '--remove', 'b'], ['--remove', 'r', '--level', '3', '--no-feature'],
             ['--add', 'a', '--level', '9'], ['--add', 'a', '--ext', 'a', 'b', '--ext', 'c'], ['-h']]:
    run(g, argv)

s = argparse.ArgumentParser(prog='git')
s.add_argument('--debug', action='store_true')
sub = s.add_subparsers(dest='command', help='sub-command help')
c = sub.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
c.add_argument('--amend', action='store_true')
c.set_defaults(func='do_commit')
pu = sub.add_parser('push', help='send changes')
pu.add_argument('remote', nargs='?', default='origin')
pu.add_argument('--force', '-f', action='store_true')
for argv in [['commit', '-m', 'msg'], ['--debug', 'push', 'upstream', '-f'], ['push'], [],
             ['commit'], ['pull'], ['-h'], ['commit', '-h']]:
    run(s, argv)

n = argparse.ArgumentParser(prog='nums')
n.add_argument('x', type=int)
n.add_argument('y', type=float, nargs='?', default='2.5')
n.add_argument('rest', nargs=argparse.REMAINDER)
for argv in [['-3'], ['-3', '-4.5'], ['1', '2', 'a', '--b', 'c'], ['1e3']]:
    run(n, argv)


def positive(text):
    v = int(text)
    if v <= 0:
        raise argparse.ArgumentTypeError('%r is not a positive int' % text)
    return v


t = argparse.ArgumentParser(prog='typed', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
t.add_argument('count', type=positive, help='how many')
t.add_argument('--size', type=int, default=10, help='the size')
t.add_argument('--name', default='anon', help='who')
for argv in [['3'], ['0'], ['x'], ['-h']]:
    run(t, argv)
ns = t.parse_args(['4', '--size', '2'])
print(vars(ns), ns.count, 'size' in ns, ns == argparse.Namespace(count=4, size=2, name='anon'))
known, rest = t.parse_known_args(['5', '--zzz', 'q'])
print(known, rest)
print(argparse.Namespace(a=1, b='x'), t.get_default('size'))
t.set_defaults(size=99, extra='e')
print(t.parse_args(['1']))
raw = argparse.ArgumentParser(prog='raw', formatter_class=argparse.RawDescriptionHelpFormatter,
                              description='Line one\n  indented two\n\nafter blank')
raw.add_argument('--long-option-name-that-is-wide', help='a help text long enough that it must be wrapped onto several lines of the help output by the formatter')
raw.add_argument('--version', action='version', version='%(prog)s 1.2')
run(raw, ['-h'])
run(raw, ['--version'])
wide = argparse.ArgumentParser(prog='a-program-with-a-long-name')
for i in range(12):
    wide.add_argument('--option-%d' % i, metavar='VALUE%d' % i)
wide.add_argument('input')
wide.add_argument('output', nargs='+')
print(wide.format_usage(), end='')
e = argparse.ArgumentParser(prog='noexit', exit_on_error=False)
e.add_argument('--n', type=int)
try:
    e.parse_args(['--n', 'x'])
except argparse.ArgumentError as err:
    print('ArgumentError', err)
try:
    p.add_argument('-v')
except argparse.ArgumentError as err:
    print('ArgumentError', err)
for bad in [dict(action='nope'), dict(type='notcallable')]:
    try:
        p.add_argument('--bad', **bad)
    except ValueError as err:
        print('ValueError', err)
ap = argparse.ArgumentParser(prog='main')
ap.add_argument('--flag', action='store_true')
print(ap.parse_args([]))
m = argparse.ArgumentParser(prog='m')
mg = m.add_mutually_exclusive_group()
mg.add_argument('--a', action='store_const', const=1)
mg.add_argument('--b', action='store_const', const=2)
m.add_argument('x', nargs='+')
m.add_argument('--v', action='store_true')
for argv in [['--a', '--b', 'q'], ['a', '--v', 'b'], ['--a', 'q', 'r']]:
    run(m, argv)
