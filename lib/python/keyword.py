# keyword for mpbox: Python 3.11's keywords and soft keywords, from the
# language reference ("Keywords", "Soft Keywords").
__all__ = ['iskeyword', 'issoftkeyword', 'kwlist', 'softkwlist']

kwlist = ['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
          'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global',
          'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
          'return', 'try', 'while', 'with', 'yield']
softkwlist = ['_', 'case', 'match']

_kw = frozenset(kwlist)
_soft = frozenset(softkwlist)


def iskeyword(s):
    """True when s is a keyword of Python 3.11."""
    return s in _kw


def issoftkeyword(s):
    """True when s is a soft keyword (a keyword only in some contexts)."""
    return s in _soft
