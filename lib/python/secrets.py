# secrets for mpbox, written from the CPython 3.11 documentation: tokens
# and choices from os.urandom(), the sandbox's random source (the host's
# per-session generator, seeded from getrandom(); not a cryptographic
# generator, and reproducible under --deterministic --seed: see
# docs/compatibility.md). compare_digest takes time independent of where
# the inputs differ.
import os as _os
import random as _random
from base64 import urlsafe_b64encode as _b64
from binascii import hexlify as _hexlify

__all__ = ['choice', 'randbelow', 'randbits', 'SystemRandom', 'token_bytes', 'token_hex',
           'token_urlsafe', 'compare_digest', 'DEFAULT_ENTROPY']

DEFAULT_ENTROPY = 32  # bytes of a token when no size is given
SystemRandom = _random.SystemRandom


def randbits(k):
    """A non-negative int of k random bits."""
    if k < 0:
        raise ValueError('number of bits must be non-negative')
    if k == 0:
        return 0
    n = (k + 7) // 8
    return int.from_bytes(_os.urandom(n), 'big') >> (n * 8 - k)


def randbelow(exclusive_upper_bound):
    """A random int in [0, exclusive_upper_bound)."""
    n = exclusive_upper_bound
    if n <= 0:
        raise ValueError('Upper bound must be positive.')
    k = n.bit_length()
    r = randbits(k)
    while r >= n:
        r = randbits(k)
    return r


def choice(seq):
    """A random element of the non-empty sequence seq."""
    if not len(seq):
        raise IndexError('Cannot choose from an empty sequence')
    return seq[randbelow(len(seq))]


def token_bytes(nbytes=None):
    """nbytes random bytes (DEFAULT_ENTROPY when None)."""
    if nbytes is None:
        nbytes = DEFAULT_ENTROPY
    return _os.urandom(nbytes)


def token_hex(nbytes=None):
    """A random text of hexadecimal digits, two per byte."""
    return _hexlify(token_bytes(nbytes)).decode('ascii')


def token_urlsafe(nbytes=None):
    """A random URL-safe text (base64 of nbytes bytes, without padding)."""
    return _b64(token_bytes(nbytes)).rstrip(b'=').decode('ascii')


def compare_digest(a, b):
    """a == b for two str (ASCII) or two bytes-like values, in a time that
    does not depend on where they differ."""
    blike = (bytes, bytearray, memoryview)
    if isinstance(a, str) and isinstance(b, str):
        for s in (a, b):
            if not s.isascii():
                raise TypeError('comparing strings with non-ASCII characters is not supported')
        a, b = a.encode(), b.encode()
    elif not (isinstance(a, blike) and isinstance(b, blike)):
        if isinstance(a, blike):
            odd = b
        elif isinstance(b, blike):
            odd = a
        else:
            raise TypeError("unsupported operand types(s) or combination of types: '%s' and '%s'"
                            % (type(a).__name__, type(b).__name__))
        raise TypeError("a bytes-like object is required, not '%s'" % type(odd).__name__)
    diff = len(a) ^ len(b)
    if len(a) != len(b):
        b = a  # still walk a whole input
    for x, y in zip(bytes(a), bytes(b)):
        diff |= x ^ y
    return diff == 0
