# urllib.parse: splitting, joining, quoting and query strings as CPython 3.11.
from urllib.parse import (urlparse, urlsplit, urlunparse, urlunsplit, urljoin, urldefrag,
                          urlencode, quote, quote_plus, unquote, unquote_plus, parse_qs,
                          parse_qsl, quote_from_bytes, unquote_to_bytes, ParseResult)
import urllib.parse

urls = ['https://user:pw@Example.COM:8080/a/b;p=1?q=1&r=2#frag', 'http://[::1]:80/x',
        'http://[fe80::1%25eth0]/', 'ftp://ftp.example.org/pub/file.txt', 'mailto:a@b.c',
        '/just/a/path?x=1', 'example.com/path', '//host/p', 'file:///etc/passwd', '',
        'HTTP://H.com', 'http://h.com:/', 'localhost:8080', '  http://a.b/c\td\n',
        'http://a/b/c/d;p?q', 'news:comp.lang.python', 'https://a.com?x#y', 'https://a.com#y?x',
        'tel:+1-555;ext=1', 'http://user@host', 'http://:pw@host:0']
for u in urls:
    r = urlparse(u)
    s = urlsplit(u)
    print(repr(u), r, s)
    print('  ', r.geturl(), '|', s.geturl(), '|', r.username, r.password, r.hostname, r.port)
    print('  ', urlunparse(r) == r.geturl(), urlunsplit(s), urlparse(u, scheme='http').scheme,
          urlsplit(u, allow_fragments=False).path)
p = urlparse('http://www.example.com/index.html')
print(p._replace(path='/other').geturl(), p[1], tuple(p), isinstance(p, tuple), p._fields)
for bad in ['http://h:port/', 'http://h:70000/', 'http://h:-1/']:
    try:
        print(urlparse(bad).port)
    except ValueError as e:
        print('ValueError', e)
try:
    urlsplit('http://[::1/x')
except ValueError as e:
    print('ValueError', e)

base = 'http://a/b/c/d;p?q'
for ref in ['g:h', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', ';x', 'g;x',
            'g;x?y#s', '', '.', './', '..', '../', '../g', '../..', '../../', '../../g',
            '../../../g', '../../../../g', '/./g', '/../g', 'g.', '.g', 'g..', '..g', './../g',
            './g/.', 'g/./h', 'g/../h', 'g;x=1/./y', 'g;x=1/../y', 'g?y/./x', 'g#s/../x',
            'http:g', 'https://other/x']:
    print(repr(ref), urljoin(base, ref))
print(urljoin('https://docs.python.org/3/library/', 'urllib.parse.html'),
      urljoin('https://example.com/api/v1', 'users'), urljoin('https://example.com/api/v1/', '/users'),
      urljoin('', 'x'), urljoin('http://a/b', ''), urljoin('mailto:a@b', 'c'),
      urljoin('http://a/b#f', '#g', allow_fragments=False))
print(urldefrag('http://a/b?c#frag'), urldefrag('http://a/b'), urldefrag('http://a/b#f').geturl())

texts = ['hello world', 'a/b c', 'café', '100% & more', '~user_name-1.0', '€', "a+b=c?d#e", '']
for t in texts:
    print(repr(t), quote(t), quote(t, safe=''), quote_plus(t), quote_plus(t, safe='/'),
          quote(t, safe='&='), quote(t, encoding='latin-1', errors='replace'))
print(quote(b'\x00\xff ab'), quote_from_bytes(b'a b/c', safe=''), quote('é', safe='é'))
for t in ['hello%20world', 'a+b%2Bc', 'caf%C3%A9', '%E2%82%AC', 'bad%zz%', '%', '100%', '%e9',
          'x%C3', '%41%42%4', 'no escapes', '%F0%9F%98%80!']:
    print(repr(t), repr(unquote(t)), repr(unquote_plus(t)), unquote_to_bytes(t),
          repr(unquote(t, encoding='latin-1')))

for q in ['a=1&b=2&a=3', 'x=hello+world&y=%26%3D', 'empty=&novalue&k=v', '', 'a=1;b=2',
          '&&a=1&&', 'k=v=w', 'caf%C3%A9=%E2%82%AC']:
    print(repr(q), parse_qs(q), parse_qsl(q), parse_qs(q, keep_blank_values=True),
          parse_qsl(q, keep_blank_values=True))
print(parse_qsl('a=1;b=2', separator=';'))
for kw in [{'strict_parsing': True}, {'max_num_fields': 1}, {'separator': ''}]:
    try:
        print(parse_qsl('a=1&b', **kw))
    except ValueError as e:
        print('ValueError', e)

print(urlencode({'q': 'python urllib', 'page': 2, 'lang': 'en'}))
print(urlencode([('a', 1), ('a', 2), ('b', 'x y')]))
print(urlencode({'tags': ['a', 'b c'], 'n': 1, 's': 'str'}, doseq=True))
print(urlencode({'tags': ['a', 'b']}), urlencode({'k': 'a/b'}, safe='/'), urlencode({'k': 'a b'}, quote_via=quote))
print(urlencode({'é': 'ü', b'by': b't e'}), urlencode({}), urlencode([]))
try:
    urlencode('abc')
except TypeError as e:
    print('TypeError', e)
print(urllib.parse.urlparse is urlparse, ParseResult('a', 'b', 'c', 'd', 'e', 'f').geturl())
