# doctest for mpbox, written from the CPython 3.11 documentation: finds the
# interactive examples in docstrings, runs them and compares what they
# print (or the repr of an expression's value) with the expected text.
# MicroPython keeps no docstrings, so they are read from the source: the
# program's text for __main__ (from the host, as lib/python/_classbody.py
# does), a module's file otherwise, parsed with lib/python/ast.py. Output
# is captured by replacing print() while an example runs (sys.stdout.write
# is not captured). Supported: testmod, run_docstring_examples, testfile on
# a file in the sandbox, the ELLIPSIS, NORMALIZE_WHITESPACE and
# IGNORE_EXCEPTION_DETAIL options (also as # doctest: directives),
# expected exceptions, TestResults; the report prints in CPython's form.
import builtins
import sys
from collections import namedtuple

__all__ = ['testmod', 'run_docstring_examples', 'testfile', 'TestResults', 'ELLIPSIS',
           'NORMALIZE_WHITESPACE', 'IGNORE_EXCEPTION_DETAIL', 'DONT_ACCEPT_TRUE_FOR_1',
           'DONT_ACCEPT_BLANKLINE', 'SKIP', 'FAIL_FAST', 'REPORT_ONLY_FIRST_FAILURE', 'Example']

TestResults = namedtuple('TestResults', 'failed attempted')

DONT_ACCEPT_TRUE_FOR_1 = 1
DONT_ACCEPT_BLANKLINE = 2
NORMALIZE_WHITESPACE = 4
ELLIPSIS = 8
SKIP = 16
IGNORE_EXCEPTION_DETAIL = 32
REPORT_UDIFF = 64
REPORT_CDIFF = 128
REPORT_NDIFF = 256
REPORT_ONLY_FIRST_FAILURE = 512
FAIL_FAST = 1024
_OPTIONS = {'DONT_ACCEPT_TRUE_FOR_1': 1, 'DONT_ACCEPT_BLANKLINE': 2, 'NORMALIZE_WHITESPACE': 4,
            'ELLIPSIS': 8, 'SKIP': 16, 'IGNORE_EXCEPTION_DETAIL': 32, 'REPORT_UDIFF': 64,
            'REPORT_CDIFF': 128, 'REPORT_NDIFF': 256, 'REPORT_ONLY_FIRST_FAILURE': 512,
            'FAIL_FAST': 1024}
BLANKLINE_MARKER = '<BLANKLINE>'
ELLIPSIS_MARKER = '...'


class Example:
    def __init__(self, source, want, exc_msg=None, lineno=0, indent=0, options=None):
        if not source.endswith('\n'):
            source += '\n'
        if want and not want.endswith('\n'):
            want += '\n'
        self.source = source
        self.want = want
        self.exc_msg = exc_msg
        self.lineno = lineno
        self.indent = indent
        self.options = options or {}


def _parse_examples(doc):
    """(Example, ...) of a docstring: '>>> ' lines, '... ' continuations,
    then the expected output up to a blank line or the next prompt."""
    lines = doc.split('\n')
    examples = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if not stripped.startswith('>>>'):
            i += 1
            continue
        indent = len(line) - len(stripped)
        lineno = i
        src = [stripped[4:] if stripped[3:4] == ' ' else stripped[3:]]
        i += 1
        while i < len(lines) and lines[i][indent:].startswith('...') and \
                lines[i][indent + 3:indent + 4] in (' ', ''):
            src.append(lines[i][indent + 4:])
            i += 1
        want = []
        while i < len(lines):
            w = lines[i]
            if not w.strip() or w.lstrip().startswith('>>>'):
                break
            want.append(w[indent:] if w[:indent].strip() == '' else w.lstrip())
            i += 1
        source = '\n'.join(src)
        options = {}
        for part in source.split('\n'):
            k = part.find('# doctest:')
            if k >= 0:
                for opt in part[k + 10:].replace(',', ' ').split():
                    if opt[:1] in '+-' and opt[1:] in _OPTIONS:
                        options[_OPTIONS[opt[1:]]] = opt[0] == '+'
        want_text = '\n'.join(want) + ('\n' if want else '')
        exc_msg = None
        if want and want[0].startswith('Traceback (most recent call last):'):
            k = len(want) - 1
            while k > 0 and (want[k].startswith(' ') or want[k].startswith('\t')):
                k -= 1
            exc_msg = '\n'.join(want[k:]) + '\n'
        examples.append(Example(source, want_text, exc_msg, lineno, indent, options))
    return examples


def _ellipsis_match(want, got):
    if ELLIPSIS_MARKER not in want:
        return want == got
    pieces = want.split(ELLIPSIS_MARKER)
    start, end = pieces[0], pieces[-1]
    if not got.startswith(start) or not got.endswith(end) or len(start) + len(end) > len(got):
        return False
    pos = len(start)
    stop = len(got) - len(end)
    for piece in pieces[1:-1]:
        k = got.find(piece, pos, stop)
        if k < 0:
            return False
        pos = k + len(piece)
    return True


def _check(want, got, flags):
    if not (flags & DONT_ACCEPT_TRUE_FOR_1):
        if (got, want) in (('True\n', '1\n'), ('False\n', '0\n')):
            return True
    if not (flags & DONT_ACCEPT_BLANKLINE):
        want = '\n'.join('' if l == BLANKLINE_MARKER else l for l in want.split('\n'))
    if got == want:
        return True
    if flags & NORMALIZE_WHITESPACE:
        got = ' '.join(got.split())
        want = ' '.join(want.split())
        if got == want:
            return True
    if flags & ELLIPSIS:
        return _ellipsis_match(want, got)
    return False


class _Capture:
    def __init__(self):
        self.parts = []
        self.saved = None

    def print(self, *args, sep=' ', end='\n', file=None, flush=False):
        if file is not None and file is not sys.stdout:
            return self.saved(*args, sep=sep, end=end, file=file)
        self.parts.append((sep if sep is not None else ' ').join(str(a) for a in args) +
                          (end if end is not None else '\n'))

    def __enter__(self):
        self.saved = builtins.print if hasattr(builtins, 'print') else print
        builtins.print = self.print
        return self

    def __exit__(self, *exc):
        builtins.print = self.saved
        return False

    def text(self):
        return ''.join(self.parts)


def _run_example(example, globs):
    """(got, exception line or None)."""
    cap = _Capture()
    with cap:
        try:
            try:
                code = compile(example.source, '<doctest>', 'eval')
            except SyntaxError:
                code = None
            if code is not None:
                value = eval(code, globs)
                if value is not None:
                    globs['_'] = value
                    cap.print(repr(value))
            else:
                exec(compile(example.source, '<doctest>', 'exec'), globs)
        except KeyboardInterrupt:
            raise
        except BaseException as e:
            msg = str(e)
            line = type(e).__name__ + (': ' + msg if msg else '') + '\n'
            return cap.text(), line
    return cap.text(), None


class DocTestRunner:
    DIVIDER = '*' * 70

    def __init__(self, verbose=None, optionflags=0):
        self.verbose = bool(verbose)
        self.optionflags = optionflags
        self.tries = 0
        self.failures = 0
        self._name2ft = {}

    def _report(self, text):
        print(text, end='')

    def run_examples(self, name, filename, examples, globs, lineno_base):
        failures = tries = 0
        for ex in examples:
            flags = self.optionflags
            for k, on in ex.options.items():
                flags = flags | k if on else flags & ~k
            if flags & SKIP:
                continue
            tries += 1
            if self.verbose:
                self._report('Trying:\n%s' % _indent(ex.source) +
                             ('Expecting:\n%s' % _indent(ex.want) if ex.want else 'Expecting nothing\n'))
            got, exc = _run_example(ex, globs)
            ok = False
            if exc is None:
                ok = _check(ex.want, got, flags)
            elif ex.exc_msg is not None:
                want_exc = ex.exc_msg
                ok = _check(want_exc, exc, flags)
                if not ok and flags & IGNORE_EXCEPTION_DETAIL:
                    ok = want_exc.split(':')[0].split('.')[-1] == exc.split(':')[0]
            if ok:
                if self.verbose:
                    self._report('ok\n')
                continue
            failures += 1
            lineno = lineno_base + ex.lineno + 1 if lineno_base is not None else None
            out = [self.DIVIDER + '\n',
                   'File "%s", line %s, in %s\n' % (filename, lineno if lineno is not None else '?', name),
                   'Failed example:\n', _indent(ex.source)]
            if exc is not None and ex.exc_msg is None:
                out.append('Exception raised:\n' + _indent('Traceback (most recent call last):\n' + exc))
            else:
                shown = got if exc is None else 'Traceback (most recent call last):\n' + exc
                out.append(('Expected:\n' + _indent(ex.want)) if ex.want else 'Expected nothing\n')
                out.append(('Got:\n' + _indent(shown)) if shown else 'Got nothing\n')
            self._report(''.join(out))
            if flags & FAIL_FAST:
                break
        self.tries += tries
        self.failures += failures
        if tries:
            f, t = self._name2ft.get(name, (0, 0))
            self._name2ft[name] = (f + failures, t + tries)
        return TestResults(failures, tries)

    def summarize(self, verbose=None):
        if verbose is None:
            verbose = self.verbose
        notests, passed, failed = [], [], []
        for name in sorted(self._name2ft):
            f, t = self._name2ft[name]
            if t == 0:
                notests.append(name)
            elif f == 0:
                passed.append((name, t))
            else:
                failed.append((name, (f, t)))
        if verbose:
            if passed:
                print('%d items passed all tests:' % len(passed))
                for name, t in passed:
                    print(' %3d tests in %s' % (t, name))
        if failed:
            print(self.DIVIDER)
            print('%d items had failures:' % len(failed))
            for name, (f, t) in failed:
                print(' %3d of %3d in %s' % (f, t, name))
        if verbose:
            print('%d tests in %d items.' % (self.tries, len(self._name2ft)))
            print('%d passed and %d failed.' % (self.tries - self.failures, self.failures))
        if self.failures:
            print('***Test Failed*** %d failures.' % self.failures)
        elif verbose:
            print('Test passed.')
        return TestResults(self.failures, self.tries)


def _indent(s, n=4):
    return ''.join(' ' * n + l + '\n' for l in s.rstrip('\n').split('\n')) if s else ''


def _docstrings(source, modname):
    """(qualified name, docstring, line of the docstring) for the module,
    its functions, classes and methods, in source order."""
    import ast
    tree = ast.parse(source)
    out = []
    doc = ast.get_docstring(tree, clean=False)
    if doc:
        out.append((modname, doc, tree.body[0].lineno - 1))

    def visit(body, prefix):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + '.' + node.name
                d = ast.get_docstring(node, clean=False)
                if d:
                    out.append((name, d, node.body[0].lineno - 1))
                if isinstance(node, ast.ClassDef):
                    visit(node.body, name)
    visit(tree.body, modname)
    return out


def _main():
    # MicroPython keeps __main__ out of sys.modules; an import finds it
    import __main__
    return __main__


def _module_source(m):
    import _classbody
    name = getattr(m, '__name__', '__main__')
    return _classbody._source(name)


def testmod(m=None, name=None, globs=None, verbose=None, report=True, optionflags=0,
            extraglobs=None, raise_on_error=False, exclude_empty=False):
    if m is None:
        m = _main()
    if name is None:
        name = getattr(m, '__name__', '__main__')
    source = _module_source(m)
    if source is None:
        raise ValueError('doctest.testmod: the source of %r is not available in this sandbox' % (name,))
    g = dict(m.__dict__) if globs is None else dict(globs)
    if extraglobs:
        g.update(extraglobs)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    filename = getattr(m, '__file__', None) or '<stdin>'
    for qualname, doc, line in sorted(_docstrings(source, name), key=lambda x: x[0]):
        runner.run_examples(qualname, filename, _parse_examples(doc), dict(g), line)
    if report:
        runner.summarize()
    return TestResults(runner.failures, runner.tries)


def run_docstring_examples(f, globs, verbose=False, name='NoName', compileflags=None, optionflags=0):
    modname = getattr(f, '__module__', '__main__')
    source = _module_source(sys.modules.get(modname) or _main())
    docs = _docstrings(source, '') if source else []
    fname = getattr(f, '__name__', None)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    for qualname, doc, line in docs:
        if qualname.split('.')[-1] == fname:
            runner.run_examples(name, '<stdin>', _parse_examples(doc), dict(globs), line)
            break


def testfile(filename, module_relative=True, name=None, package=None, globs=None, verbose=None,
             report=True, optionflags=0, extraglobs=None, raise_on_error=False, parser=None,
             encoding=None):
    with open(filename) as f:
        text = f.read()
    if name is None:
        name = filename.rsplit('/', 1)[-1]
    g = {'__name__': '__main__'} if globs is None else dict(globs)
    if extraglobs:
        g.update(extraglobs)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    runner.run_examples(name, filename, _parse_examples(text), g, 0)
    if report:
        runner.summarize()
    return TestResults(runner.failures, runner.tries)
