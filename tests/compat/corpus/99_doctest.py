# Run doctests embedded in docstrings.
import doctest

def add(a, b):
    """Add two numbers.

    >>> add(2, 3)
    5
    >>> add('a', 'b')
    'ab'
    """
    return a + b

def double(x):
    """
    >>> double(4)
    8
    >>> double(0)
    0
    >>> [double(i) for i in range(3)]
    [0, 2, 4]
    """
    return x * 2

results = doctest.testmod(verbose=False, report=False)
print(results.attempted, results.failed)
