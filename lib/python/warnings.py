# warnings for mpbox, written from the CPython 3.11 documentation: warn(),
# the filter list (filterwarnings, simplefilter, resetwarnings), actions
# "default", "error", "ignore", "always", "module", "once", catch_warnings
# (with record=True), showwarning/formatwarning. MicroPython has no warning
# categories: they are defined here and made builtins, as in CPython.
# MicroPython keeps no frames to look up, so a warning's location is
# reported as the program ("<stdin>", line 0) whatever the stacklevel.
import builtins
import sys


def _builtin_or(name, make):
    try:
        return getattr(builtins, name)
    except AttributeError:
        pass
    try:
        return eval(name)  # an override installed by another module
    except NameError:
        cls = make()
        setattr(builtins, name, cls)
        return cls


Warning = _builtin_or('Warning', lambda: type('Warning', (Exception,), {}))
UserWarning = _builtin_or('UserWarning', lambda: type('UserWarning', (Warning,), {}))
DeprecationWarning = _builtin_or('DeprecationWarning', lambda: type('DeprecationWarning', (Warning,), {}))
PendingDeprecationWarning = _builtin_or(
    'PendingDeprecationWarning', lambda: type('PendingDeprecationWarning', (Warning,), {}))
SyntaxWarning = _builtin_or('SyntaxWarning', lambda: type('SyntaxWarning', (Warning,), {}))
RuntimeWarning = _builtin_or('RuntimeWarning', lambda: type('RuntimeWarning', (Warning,), {}))
FutureWarning = _builtin_or('FutureWarning', lambda: type('FutureWarning', (Warning,), {}))
ImportWarning = _builtin_or('ImportWarning', lambda: type('ImportWarning', (Warning,), {}))
UnicodeWarning = _builtin_or('UnicodeWarning', lambda: type('UnicodeWarning', (Warning,), {}))
BytesWarning = _builtin_or('BytesWarning', lambda: type('BytesWarning', (Warning,), {}))
ResourceWarning = _builtin_or('ResourceWarning', lambda: type('ResourceWarning', (Warning,), {}))
EncodingWarning = _builtin_or('EncodingWarning', lambda: type('EncodingWarning', (Warning,), {}))

__all__ = ['warn', 'warn_explicit', 'showwarning', 'formatwarning', 'filterwarnings',
           'simplefilter', 'resetwarnings', 'catch_warnings']

_ACTIONS = ('default', 'error', 'ignore', 'always', 'module', 'once')

# (action, message regex or None, category, module regex or None, lineno)
filters = []
defaultaction = 'default'
onceregistry = {}
_registry = {}  # what "default"/"module" already showed
_filters_version = 1


def _compile(pattern, flags):
    if not pattern:
        return None
    import re
    return re.compile(pattern, flags)


def _add(item, append):
    global _filters_version
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_version += 1
    _registry.clear()


def filterwarnings(action, message='', category=None, module='', lineno=0, append=False):
    if category is None:
        category = Warning
    # CPython checks its arguments with assert statements
    if action not in _ACTIONS:
        raise AssertionError('invalid action: %r' % (action,))
    if not isinstance(message, str):
        raise AssertionError('message must be a string')
    if not isinstance(category, type) or not issubclass(category, Warning):
        raise AssertionError('category must be a Warning subclass')
    if not isinstance(lineno, int) or lineno < 0:
        raise AssertionError('lineno must be an int >= 0')
    import re
    _add((action, _compile(message, re.I), category, _compile(module, 0), lineno), append)


def simplefilter(action, category=None, lineno=0, append=False):
    if category is None:
        category = Warning
    if action not in _ACTIONS:
        raise AssertionError('invalid action: %r' % (action,))
    if not isinstance(lineno, int) or lineno < 0:
        raise AssertionError('lineno must be an int >= 0')
    _add((action, None, category, None, lineno), append)


def resetwarnings():
    global _filters_version
    filters[:] = []
    _filters_version += 1
    _registry.clear()


class _Exact:
    # a module filter matching one name (the default filters: no need to
    # import re for them)
    def __init__(self, name):
        self.name = name

    def match(self, s):
        return s == self.name


def _defaults():
    # CPython's defaults without -W options: deprecations show only when
    # triggered in __main__; these categories are otherwise ignored
    filters[:] = [
        ('default', None, DeprecationWarning, _Exact('__main__'), 0),
        ('ignore', None, DeprecationWarning, None, 0),
        ('ignore', None, PendingDeprecationWarning, None, 0),
        ('ignore', None, ImportWarning, None, 0),
        ('ignore', None, ResourceWarning, None, 0),
    ]


_defaults()


class WarningMessage:
    _WARNING_DETAILS = ('message', 'category', 'filename', 'lineno', 'file', 'line', 'source')

    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ('{message : %r, category : %r, filename : %r, lineno : %s, line : %r}'
                % (self.message, self._category_name, self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    s = '%s:%s: %s: %s\n' % (filename, lineno, category.__name__, message)
    if line:
        s += '  %s\n' % line.strip()
    return s


def _showwarnmsg_impl(msg):
    f = msg.file if msg.file is not None else sys.stderr
    try:
        f.write(formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line))
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


_showwarning_orig = showwarning


def _showwarnmsg(msg):
    sw = globals()['showwarning']
    if sw is not _showwarning_orig:
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    lineno = int(lineno)
    if module is None:
        module = filename or '<unknown>'
        if module[-3:].lower() == '.py':
            module = module[:-3]
    if registry is None:
        registry = _registry
    if isinstance(message, Warning):
        text = str(message)
        category = type(message)
    else:
        text = str(message)
        message = category(message)
    key = (text, category, lineno)
    if registry.get('version') != _filters_version:
        registry.clear()
        registry['version'] = _filters_version
    if registry.get(key):
        return
    action = defaultaction
    for act, msg, cat, mod, ln in filters:
        if ((msg is None or msg.match(text)) and issubclass(category, cat)
                and (mod is None or mod.match(module)) and (ln == 0 or lineno == ln)):
            action = act
            break
    if action == 'ignore':
        return
    if action == 'error':
        raise message
    if action == 'once':
        registry[key] = 1
        okey = (text, category)
        if onceregistry.get(okey):
            return
        onceregistry[okey] = 1
    elif action == 'module':
        registry[key] = 1
        akey = (text, category, 0)
        if registry.get(akey):
            return
        registry[akey] = 1
    elif action == 'default':
        registry[key] = 1
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = type(message)
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    warn_explicit(message, category, '<stdin>', 0, '__main__', _registry, None, source)


class catch_warnings:
    """Saves the filters and showwarning on entry and restores them on exit;
    with record=True, warnings are collected in the list __enter__
    returns."""

    def __init__(self, *, record=False, module=None, action=None, category=None,
                 lineno=0, append=False):
        self._record = record
        self._entered = False
        self._filter = None if action is None else (action, category or Warning, lineno, append)

    def __repr__(self):
        return 'catch_warnings(%s)' % ('record=True' if self._record else '')

    def __enter__(self):
        global _filters_version
        if self._entered:
            raise RuntimeError('Cannot enter %r twice' % self)
        self._entered = True
        g = globals()
        self._saved = (filters[:], g['showwarning'], g['_showwarnmsg_impl'])
        _filters_version += 1
        _registry.clear()
        if self._filter is not None:
            simplefilter(*self._filter)
        if self._record:
            log = []
            g['_showwarnmsg_impl'] = log.append
            g['showwarning'] = _showwarning_orig
            return log
        return None

    def __exit__(self, *exc):
        global _filters_version
        if not self._entered:
            raise RuntimeError('Cannot exit %r without entering first' % self)
        g = globals()
        filters[:] = self._saved[0]
        g['showwarning'] = self._saved[1]
        g['_showwarnmsg_impl'] = self._saved[2]
        _filters_version += 1
        _registry.clear()
        return False
