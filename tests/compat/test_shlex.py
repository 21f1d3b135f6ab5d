# shlex: split (POSIX and not, comments), quote, join, the shlex class with
# whitespace_split, punctuation_chars, push_token, errors.
import shlex

cases = ['ls -la /tmp', 'echo "hello world" \'single q\'', 'a\\ b c\\"d', 'x="a b"c',
         '"Do"Not"Separate"', "'it'\\''s'", 'one  two\tthree\nfour', '', '   ', '""', "''",
         'a "" b', 'cmd --opt=\'{"k": 1}\'', 'echo "a \\"quoted\\" b\\\\ c \\$x"',
         "echo 'no \\escape here'", 'grep -E "^[a-z]+$" file.txt # comment', 'a#b c',
         'café naïve', 'echo $HOME ~/x *.py', 'a;b|c&&d>e']
for s in cases:
    print(repr(s), shlex.split(s), shlex.split(s, comments=True), shlex.split(s, posix=False))
for s in ['"unclosed', "it's", 'trailing\\']:
    for posix in (True, False):
        try:
            print(repr(s), posix, shlex.split(s, posix=posix))
        except ValueError as e:
            print(repr(s), posix, 'ValueError', e)

words = ['simple', 'with space', "it's", '', 'a"b', '$HOME', 'semi;colon', 'ok-_.,/@%+=:', 'tab\t', 'é']
for w in words:
    print(repr(w), shlex.quote(w))
print(shlex.join(['echo', 'hello world', "it's", '']))
print(shlex.split(shlex.join(words)) == words)

lex = shlex.shlex('a = b + "c d"; e(f)')
print(list(lex))
lex = shlex.shlex('a = b + "c d"; e(f)', posix=True)
print(list(lex))
lex = shlex.shlex('a && b || c; d > out.txt 2>&1', punctuation_chars=True)
print(list(lex))
lex = shlex.shlex('ls -l *.py|wc -l', posix=True, punctuation_chars=True)
lex.whitespace_split = True
print(list(lex), lex.punctuation_chars)
lex = shlex.shlex('one two three')
print(lex.get_token(), lex.lineno)
lex.push_token('again')
print(lex.get_token(), lex.get_token(), lex.get_token(), repr(lex.get_token()))
lex = shlex.shlex('x\ny\n# note\nz', posix=True)
print([(t, lex.lineno) for t in lex], repr(lex.eof))
lex = shlex.shlex('k1=v1,k2=v2', posix=True)
lex.whitespace = ','
lex.whitespace_split = True
print(list(lex))
lex = shlex.shlex('a b', posix=True)
lex.push_source('pushed text')
print(list(lex))
print(lex.error_leader('file', 3))
