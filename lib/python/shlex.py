# shlex for mpbox, written from the CPython 3.11 documentation ("shlex
# Objects", "Parsing Rules", "Improved Compatibility with Shells"): a lexer
# for shell-like text with POSIX and compatibility modes, split(), quote()
# and join(). No `source` inclusion of other files (a program may read the
# file and push it with push_source()).
import io as _io
from collections import deque as _deque

__all__ = ['shlex', 'split', 'quote', 'join']

_ASCII_WORD = 'abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'
_LATIN1_WORD = ('ßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ'
                'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ')


class shlex:
    """A lexical analyser for shell-like syntax: iterate over it, or call
    get_token() until it returns eof ('' or, in POSIX mode, None)."""

    def __init__(self, instream=None, infile=None, posix=False, punctuation_chars=False):
        if isinstance(instream, str):
            instream = _io.StringIO(instream)
        if instream is None:
            import sys
            instream = sys.stdin
        self.instream = instream
        self.infile = infile
        self.posix = posix
        self.eof = None if posix else ''
        self.commenters = '#'
        self.wordchars = _ASCII_WORD + (_LATIN1_WORD if posix else '')
        self.whitespace = ' \t\r\n'
        self.whitespace_split = False
        self.quotes = '\'"'
        self.escape = '\\'
        self.escapedquotes = '"'
        self.state = ' '
        self.pushback = _deque()
        self.lineno = 1
        self.debug = 0
        self.token = ''
        self.filestack = _deque()
        self.source = None
        if punctuation_chars is True:
            punctuation_chars = '();<>|&'
        elif not punctuation_chars:
            punctuation_chars = ''
        self._punctuation_chars = punctuation_chars
        self._pushback_chars = _deque()
        if punctuation_chars:
            # characters that may appear in file names and globs join words
            self.wordchars += '~-./*?='
            self.wordchars = ''.join(c for c in self.wordchars if c not in punctuation_chars)

    @property
    def punctuation_chars(self):
        return self._punctuation_chars

    def push_token(self, tok):
        """Push a token back: the next get_token() returns it."""
        self.pushback.appendleft(tok)

    def push_source(self, newstream, newfile=None):
        """Read from newstream until it is exhausted, then go on with the
        current input."""
        if isinstance(newstream, str):
            newstream = _io.StringIO(newstream)
        self.filestack.appendleft((self.infile, self.instream, self.lineno))
        self.infile = newfile
        self.instream = newstream
        self.lineno = 1

    def pop_source(self):
        """Go back to the input that push_source() interrupted."""
        self.instream.close()
        self.infile, self.instream, self.lineno = self.filestack.popleft()
        self.state = ' '

    def get_token(self):
        """The next token (a pushed-back one first), or eof."""
        if self.pushback:
            return self.pushback.popleft()
        tok = self.read_token()
        while tok == self.eof and self.filestack:
            self.pop_source()
            tok = self.get_token()
        return tok

    def _char(self):
        if self._pushback_chars:
            return self._pushback_chars.pop()
        c = self.instream.read(1)
        if c == '\n':
            self.lineno += 1
        return c

    def _skip_comment(self):
        self.instream.readline()
        self.lineno += 1

    def read_token(self):
        """Read one raw token (no pushback, no source stack)."""
        posix = self.posix
        punct = self._punctuation_chars
        quoted = False   # a quote was seen: in POSIX mode '' is a token
        token = ''
        state = self.state
        escaped_from = 'a'
        escape_char = '\\'
        while True:
            c = self._char()
            if state == ' ':
                if not c:
                    state = None
                    break
                if c in self.whitespace:
                    if token or (posix and quoted):
                        break
                elif c in self.commenters:
                    self._skip_comment()
                elif posix and c in self.escape:
                    escaped_from = 'a'
                    escape_char = c
                    state = '\\'
                elif c in self.wordchars:
                    token = c
                    state = 'a'
                elif c in punct:
                    token = c
                    state = 'c'
                elif c in self.quotes:
                    if not posix:
                        token = c
                    state = c
                elif self.whitespace_split:
                    token = c
                    state = 'a'
                else:
                    token = c
                    state = ' '
                    break
            elif state in self.quotes:
                quoted = True
                if not c:
                    raise ValueError('No closing quotation')
                if c == state:
                    if not posix:
                        token += c
                        state = ' '
                        break
                    state = 'a'
                elif posix and c in self.escape and state in self.escapedquotes:
                    escaped_from = state
                    escape_char = c
                    state = '\\'
                else:
                    token += c
            elif state == '\\':
                if not c:
                    raise ValueError('No escaped character')
                # inside quotes, an escape only escapes the quote and itself
                if escaped_from in self.quotes and c != escaped_from and c != escape_char:
                    token += escape_char
                token += c
                state = escaped_from
            else:  # 'a' (a word) or 'c' (a run of punctuation)
                if not c:
                    state = None
                    break
                if c in self.whitespace:
                    state = ' '
                    if token or (posix and quoted):
                        break
                elif c in self.commenters:
                    self._skip_comment()
                    state = ' '
                    if token or (posix and quoted):
                        break
                elif state == 'c':
                    if c in punct:
                        token += c
                    else:
                        self._pushback_chars.append(c)
                        state = ' '
                        break
                elif posix and c in self.quotes:
                    state = c
                elif posix and c in self.escape:
                    escaped_from = 'a'
                    escape_char = c
                    state = '\\'
                elif c in self.wordchars or c in self.quotes or \
                        (self.whitespace_split and c not in punct):
                    token += c
                else:
                    if punct:
                        self._pushback_chars.append(c)
                    else:
                        self.pushback.appendleft(c)
                    state = ' '
                    if token or (posix and quoted):
                        break
        self.state = ' '
        self.token = ''
        if posix and not quoted and token == '':
            return None  # the end of the input
        return token

    def sourcehook(self, newfile):
        """The (name, stream) of a file named by a `source` token."""
        if newfile[0] == '"':
            newfile = newfile[1:-1]
        return (newfile, open(newfile, 'r'))

    def error_leader(self, infile=None, lineno=None):
        if infile is None:
            infile = self.infile
        if lineno is None:
            lineno = self.lineno
        return '"%s", line %d: ' % (infile, lineno)

    def __iter__(self):
        return self

    def __next__(self):
        token = self.get_token()
        if token == self.eof:
            raise StopIteration
        return token


def split(s, comments=False, posix=True):
    """Split s as a shell would: quotes group, backslashes escape."""
    if s is None:
        raise ValueError('s argument must not be None')
    lex = shlex(s, posix=posix)
    lex.whitespace_split = True
    if not comments:
        lex.commenters = ''
    return list(lex)


_SAFE = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-')


def quote(s):
    """s as one shell word: unchanged when it needs no quoting, else in
    single quotes (a single quote inside becomes '"'"')."""
    if not s:
        return "''"
    for c in s:
        if c not in _SAFE:
            return "'" + s.replace("'", "'\"'\"'") + "'"
    return s


def join(split_command):
    """The inverse of split(): the words quoted and joined by spaces."""
    return ' '.join(quote(arg) for arg in split_command)
