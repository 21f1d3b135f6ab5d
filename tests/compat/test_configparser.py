# configparser: reading, defaults, interpolation, typed getters, proxies,
# writing, errors.
import configparser
import io

text = """
# a comment
[DEFAULT]
base = /srv
timeout = 30

[server]
Host = example.org
port: 8080
debug = yes
path = %(base)s/www
motd = first line
    second line

; another comment
[client]
retries = 5
ratio = 0.75
"""
cp = configparser.ConfigParser()
cp.read_string(text)
print(cp.sections(), cp.has_section('server'), cp.has_section('DEFAULT'))
# (options print sorted: they follow the dict order of the sections)
print(sorted(cp.options('server')))
print(cp.get('server', 'host'), cp.getint('server', 'port'), cp.getboolean('server', 'debug'))
print(cp.get('server', 'path'), cp.get('server', 'path', raw=True))
print(repr(cp.get('server', 'motd')))
print(cp.getfloat('client', 'ratio'), cp.getint('client', 'timeout'), cp.get('client', 'nope', fallback='fb'))
print(cp['server']['port'], 'port' in cp['server'], 'server' in cp, 'x' in cp, len(cp))
print(sorted(cp['client'].keys()), cp['client'].getint('retries'), cp['client'].get('missing', 'dflt'))
print(list(cp), [name for name, _ in cp.items()])
print(sorted(cp.items('client')))
for bad in [lambda: cp.get('nosuch', 'x'), lambda: cp.get('server', 'nosuch'), lambda: cp.add_section('server'),
            lambda: cp.getint('server', 'host'), lambda: cp['nosuch']]:
    try:
        bad()
    except configparser.Error as e:
        print(type(e).__name__, e)
    except (ValueError, KeyError) as e:
        print(type(e).__name__)
cp.set('client', 'retries', '7')
cp.add_section('extra')
cp['extra']['k'] = 'v'
cp.remove_option('server', 'motd')
out = io.StringIO()
cp.write(out)
sections = out.getvalue().split('\n\n')
print([s.split('\n')[0] for s in sections])
print([sorted(s.split('\n')[1:]) for s in sections])
ext = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
ext.read_string("[paths]\nroot = /opt\nbin = ${root}/bin\n[app]\nexe = ${paths:bin}/run\ncost = $$5\n")
print(ext.get('app', 'exe'), ext.get('app', 'cost'))
raw = configparser.RawConfigParser()
raw.read_string('[a]\nx = %(y)s\n')
print(raw.get('a', 'x'))
try:
    configparser.ConfigParser().read_string('x = 1\n')
except configparser.MissingSectionHeaderError as e:
    print('MissingSectionHeaderError', e.lineno)
try:
    configparser.ConfigParser().read_string('[s]\na = 1\na = 2\n')
except configparser.DuplicateOptionError as e:
    print('DuplicateOptionError', e)
bad = configparser.ConfigParser()
bad.read_string('[s]\nv = %(missing)s\n')
try:
    bad.get('s', 'v')
except configparser.InterpolationMissingOptionError as e:
    print('InterpolationMissingOptionError', e.reference)
d = configparser.ConfigParser()
d.read_dict({'one': {'a': 1, 'b': True}, 'two': {}})
print(sorted(d.sections()), d.get('one', 'b'), d.getboolean('one', 'b'))

# nested references, both syntaxes' errors
e = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
e.read_string("[a]\nx = 1\ny = ${x}2\nz = ${b:w}-${y}\nq = ${b:w:v}\nbad = $x\n[b]\nw = ${v}v\nv = 9\n")
print(e.get('a', 'y'), e.get('a', 'z'), e.get('b', 'w'))
for k in ['q', 'bad']:
    try:
        e.get('a', k)
    except configparser.Error as err:
        print(type(err).__name__, err)
b = configparser.ConfigParser()
b.read_string("[s]\na = %(b)s!\nb = %(c)s?\nc = 3\nd = 50%%\ne = %x\n")
print(b.get('s', 'a'), b.get('s', 'd'))
try:
    b.get('s', 'e')
except configparser.Error as err:
    print(type(err).__name__, err)
try:
    b.set('s', 'f', '%q')
except ValueError as err:
    print('ValueError', err)


# the duplicate errors' messages, with and without where they were read
for f in [lambda: configparser.DuplicateSectionError('s'), lambda: configparser.DuplicateSectionError('s', 'f.ini', 3),
          lambda: configparser.DuplicateSectionError('s', '<string>'), lambda: configparser.DuplicateOptionError('s', 'o'),
          lambda: configparser.DuplicateOptionError('s', 'o', 'f.ini', 12), lambda: configparser.DuplicateOptionError('s', 'o', 'x')]:
    e = f()
    print(str(e), e.args)
