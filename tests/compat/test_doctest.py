"""doctest: examples read from the program's docstrings.

>>> 6 * 7
42
"""
import doctest


def add(a, b):
    """Add two things.

    >>> add(2, 3)
    5
    >>> add('a', 'b')
    'ab'
    >>> print(add(1, 1))
    2
    >>> [add(i, i) for i in range(3)]
    [0, 2, 4]
    >>> for i in range(2):
    ...     print(i)
    0
    1
    """
    return a + b


def options(x):
    """
    >>> print('a   b')  # doctest: +NORMALIZE_WHITESPACE
    a b
    >>> list(range(20))  # doctest: +ELLIPSIS
    [0, 1, ..., 19]
    >>> None
    >>> y = 5
    >>> y * 2
    10
    >>> options(1) == True
    True
    >>> print('')
    <BLANKLINE>
    >>> fail('bad')
    Traceback (most recent call last):
        ...
    ValueError: bad
    >>> int('x')  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ValueError: something else
    >>> undefined_name  # doctest: +SKIP
    """
    return 1


class Greeter:
    """
    >>> Greeter().hi()
    'hi'
    """
    def hi(self):
        """
        >>> Greeter().hi().upper()
        'HI'
        """
        return 'hi'


def fail(msg):
    raise ValueError(msg)


r = doctest.testmod(report=False)
print(r, r.failed, r.attempted)
print(doctest.testmod(report=False, optionflags=doctest.ELLIPSIS).attempted)
print(doctest.TestResults(0, 3), doctest.ELLIPSIS, doctest.NORMALIZE_WHITESPACE)
