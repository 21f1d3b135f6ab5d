# textwrap: output must be identical under CPython 3.11 and mpbox.
import textwrap

LOREM = ("The quick brown fox jumps over the lazy dog. Lorem ipsum dolor sit amet, "
         "consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
         "dolore magna aliqua.  Ut enim ad minim veniam!  Quis nostrud exercitation.")
HYPH = ("A well-known state-of-the-art mother-in-law said--quite loudly--that "
        "e-mail and x-ray-like self-evident non-trivial re-entry pre-1990 "
        "things ---- are -- fine-- --really? Supercalifragilisticexpialidocious-word "
        "and a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z here.")
TABS = "col1\tcol2\t\tcol3\nnext line\r\nwith\x0bodd\x0cspace   end  "


def show(label, value):
    print('--', label)
    print(repr(value))


for w in (1, 5, 10, 12, 20, 33, 50, 70):
    show('wrap lorem %d' % w, textwrap.wrap(LOREM, w))
    show('wrap hyph %d' % w, textwrap.wrap(HYPH, w))
    show('wrap hyph nobreak %d' % w, textwrap.wrap(HYPH, w, break_on_hyphens=False))
    show('wrap tabs %d' % w, textwrap.wrap(TABS, w))

show('fill', textwrap.fill(LOREM, 40))
show('fill indents', textwrap.fill(LOREM, 30, initial_indent='* ', subsequent_indent='  '))
show('no long break', textwrap.wrap(HYPH, 8, break_long_words=False))
show('no expand', textwrap.wrap(TABS, 15, expand_tabs=False))
show('tabsize 4', textwrap.wrap(TABS, 15, tabsize=4))
show('no replace', textwrap.wrap(TABS, 15, replace_whitespace=False))
show('keep ws', textwrap.wrap("  lead   and   trail   ", 6, drop_whitespace=False))
show('drop ws', textwrap.wrap("  lead   and   trail   ", 6))
show('sentence', textwrap.fill(LOREM, 45, fix_sentence_endings=True))
show('sentence2', textwrap.wrap('Hi there. "Quoted." she said! Ok? yes.', 80, fix_sentence_endings=True))
for n in (1, 2, 3):
    show('max_lines %d' % n, textwrap.wrap(LOREM, 30, max_lines=n))
    show('max_lines ph %d' % n, textwrap.wrap(LOREM, 25, max_lines=n, placeholder='...'))
show('max_lines fits', textwrap.wrap('short text', 30, max_lines=1))
show('max_lines long word', textwrap.wrap('aaaaaaaaaaaaaaaaaaaaaaaa bb', 10, max_lines=2))
show('shorten', textwrap.shorten("Hello  world!", width=12))
show('shorten2', textwrap.shorten("Hello  world!", width=11))
show('shorten3', textwrap.shorten("Hello world", width=10, placeholder="..."))
show('shorten4', textwrap.shorten(LOREM, 50))
show('empty', textwrap.wrap('', 10))
show('blank', textwrap.wrap('    ', 10))
show('fill empty', textwrap.fill('', 10))

tw = textwrap.TextWrapper(width=25, initial_indent='> ', subsequent_indent='. ')
show('wrapper', tw.wrap(LOREM))
tw.width = 35
tw.break_on_hyphens = False
show('wrapper changed', tw.fill(HYPH))
print(tw.width, tw.max_lines, repr(tw.placeholder), tw.expand_tabs, tw.tabsize)

for bad in (0, -3):
    try:
        textwrap.wrap('abc', bad)
    except ValueError as e:
        print('ValueError', e)
try:
    textwrap.wrap('abc def', 4, max_lines=1, placeholder=' [......]')
except ValueError as e:
    print('ValueError', e)

DED = ['''\
    def foo():
        return 1

    x = 2
''', "  a\n\t b\n", "\ta\n\tb\n", "  \n   x\n  y\n   \n", "no indent\n  here",
       "   only\n", "    a\n  \n    b", "\t  a\n\t  b\n\t c", "  a\r\n  b\r\n"]
for d in DED:
    show('dedent', textwrap.dedent(d))

IND = "line one\n\n  line three\n   \nlast"
show('indent', textwrap.indent(IND, '> '))
show('indent all', textwrap.indent(IND, '+ ', lambda line: True))
show('indent crlf', textwrap.indent("a\r\nb\rc\n", '# '))
show('indent pred', textwrap.indent(IND, '-', lambda s: s.startswith('l')))


# generated texts: many widths, both splitting modes
def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) % 2147483648
        yield seed >> 8


WORDS = ['alpha', 'be', 'x', 'long-hyphen-word', 'dash--dash', '--', 'end.', 'Why?', 'a-b',
         'self-evident', '123-456', 'foo_bar', 'quote"s', 'pre-', '-post', 'x--y', 'tab\t',
         'verylongwordwithoutanybreakpossible', 'e-mail', '!!', 'ok,', 'A-', 'ab-c-d']
g = lcg(7)
for k in range(40):
    n = 3 + next(g) % 25
    seps = [' ', ' ', ' ', '  ', '\n', ' ']
    text = ''.join(WORDS[next(g) % len(WORDS)] + seps[next(g) % len(seps)] for _ in range(n))
    width = 3 + next(g) % 30
    print(k, width, repr(textwrap.wrap(text, width)))
    print(k, repr(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=(k % 2 == 0))))
    print(k, repr(textwrap.wrap(text, width + 5, max_lines=2 + k % 3, drop_whitespace=(k % 3 != 0))))
