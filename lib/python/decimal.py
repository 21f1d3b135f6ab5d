# decimal for mpbox: a subset of CPython's decimal module in pure Python.
#
# Implemented: Decimal from str/int/float (exact)/tuple/Decimal; + - * / // %
# divmod, ** with integer exponents, sqrt; comparisons with Decimal, int and
# float; quantize, to_integral_value/to_integral/to_integral_exact, normalize,
# adjusted, as_tuple, as_integer_ratio, copy_abs/copy_negate/copy_sign, compare,
# max/min, is_* predicates, int()/float(); Context with prec, rounding (all
# eight modes), Emin/Emax, flags and traps; getcontext/setcontext/localcontext;
# the signals as exceptions.
# __format__ (format specs: fill, align, sign, z, #, 0, width, , and _
# grouping, precision, types e E f F g G % and none).
# Not implemented: exp, ln, log10, non-integer powers, logical operations,
# the format type 'n' (locale), clamp, thread-local contexts.
# Limits of this build: DivisionByZero derives from ZeroDivisionError only and
# FloatOperation from DecimalException only (one built-in base per class);
# `float + Decimal` gives a float instead of a TypeError; `1 < Decimal(2)`
# (a number on the left of a comparison) raises TypeError. Importing
# this module makes round() call __round__; math.floor/ceil/trunc use
# __floor__/__ceil__/__trunc__ through lib/python/math.py.
import _numeric

_numeric.install_round()

__all__ = ['Decimal', 'Context', 'DecimalTuple', 'DefaultContext', 'BasicContext',
           'ExtendedContext', 'DecimalException', 'Clamped', 'InvalidOperation',
           'DivisionByZero', 'Inexact', 'Rounded', 'Subnormal', 'Overflow', 'Underflow',
           'FloatOperation', 'DivisionImpossible', 'InvalidContext', 'ConversionSyntax',
           'DivisionUndefined', 'ROUND_DOWN', 'ROUND_HALF_UP', 'ROUND_HALF_EVEN',
           'ROUND_CEILING', 'ROUND_FLOOR', 'ROUND_UP', 'ROUND_HALF_DOWN', 'ROUND_05UP',
           'setcontext', 'getcontext', 'localcontext', 'MAX_PREC', 'MAX_EMAX', 'MIN_EMIN',
           'MIN_ETINY', 'HAVE_THREADS', 'HAVE_CONTEXTVAR']

__version__ = '1.70'
__libmpdec_version__ = '2.5.1'

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR,
              ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP)

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = False
HAVE_CONTEXTVAR = False


class DecimalException(ArithmeticError):
    pass


class Clamped(DecimalException):
    pass


class InvalidOperation(DecimalException):
    pass


class ConversionSyntax(InvalidOperation):
    pass


class DivisionImpossible(InvalidOperation):
    pass


class DivisionUndefined(InvalidOperation):
    pass


class InvalidContext(InvalidOperation):
    pass


class DivisionByZero(ZeroDivisionError):
    pass


class Inexact(DecimalException):
    pass


class Rounded(DecimalException):
    pass


class Subnormal(DecimalException):
    pass


class Overflow(Inexact):
    pass


class Underflow(Inexact):
    pass


class FloatOperation(DecimalException):
    pass


# in the order CPython's Context repr lists them
_SIGNALS = [Clamped, InvalidOperation, DivisionByZero, Inexact, FloatOperation, Overflow,
            Rounded, Subnormal, Underflow]
# conditions that are reported through the signal that covers them
_COVER = {ConversionSyntax: InvalidOperation, DivisionImpossible: InvalidOperation,
          DivisionUndefined: InvalidOperation, InvalidContext: InvalidOperation}


def _digits(n):
    return len(str(n)) if n else 1


class Context:
    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                 clamp=None, flags=None, traps=None, _ignored_flags=None):
        dc = DefaultContext if '_default_ready' in globals() else None
        self.prec = prec if prec is not None else (dc.prec if dc else 28)
        self.rounding = rounding if rounding is not None else (dc.rounding if dc else ROUND_HALF_EVEN)
        self.Emin = Emin if Emin is not None else (dc.Emin if dc else -999999)
        self.Emax = Emax if Emax is not None else (dc.Emax if dc else 999999)
        self.capitals = capitals if capitals is not None else 1
        self.clamp = clamp if clamp is not None else 0
        if self.rounding not in _ROUNDINGS:
            raise TypeError('valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, '
                            'ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, '
                            'ROUND_HALF_EVEN,\n   ROUND_05UP]')
        if not isinstance(self.prec, int) or self.prec < 1:
            raise ValueError('valid range for prec is [1, MAX_PREC]')
        self.flags = self._signal_dict(flags, None)
        default_traps = dc.traps if dc else {InvalidOperation: True, DivisionByZero: True,
                                             Overflow: True}
        self.traps = self._signal_dict(traps, default_traps)

    @staticmethod
    def _signal_dict(given, default):
        d = {}
        for s in _SIGNALS:
            d[s] = False
        if given is None:
            given = default or {}
        if isinstance(given, dict):
            for k, v in given.items():
                d[k] = bool(v)
        else:
            for k in given:
                d[k] = True
        return d

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax, self.capitals,
                       self.clamp, dict(self.flags), dict(self.traps))

    __copy__ = copy

    def clear_flags(self):
        for s in self.flags:
            self.flags[s] = False

    def clear_traps(self):
        for s in self.traps:
            self.traps[s] = False

    def __repr__(self):
        names = lambda d: ', '.join([s.__name__ for s in _SIGNALS if d.get(s)])
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[%s], traps=[%s])' % (self.prec, self.rounding, self.Emin, self.Emax,
                                             self.capitals, self.clamp, names(self.flags),
                                             names(self.traps)))

    def _raise(self, condition, *also):
        # record the condition and the others it implies; raise the signal
        # of the first trapped one (CPython's message lists the trapped ones)
        trapped = []
        for cond in (condition,) + also:
            sig = _COVER.get(cond, cond)
            self.flags[sig] = True
            if self.traps.get(sig):
                trapped.append(cond)
        if trapped:
            names = ', '.join(["<class 'decimal.%s'>" % c.__name__ for c in trapped])
            raise _COVER.get(trapped[0], trapped[0])('[' + names + ']')

    def create_decimal(self, num='0'):
        d = Decimal(num, self)
        if d._special:
            return d
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal.from_float(f)._fix(self)

    # arithmetic through the context
    def add(self, a, b):
        return _dec(a)._add(_dec(b), self)

    def subtract(self, a, b):
        return _dec(a)._add(_dec(b).copy_negate(), self)

    def multiply(self, a, b):
        return _dec(a)._mul(_dec(b), self)

    def divide(self, a, b):
        return _dec(a)._div(_dec(b), self)

    def divide_int(self, a, b):
        return _dec(a)._divmod(_dec(b), self, 'q')[0]

    def remainder(self, a, b):
        return _dec(a)._divmod(_dec(b), self, 'r')[1]

    def divmod(self, a, b):
        return _dec(a)._divmod(_dec(b), self)

    def power(self, a, b, modulo=None):
        return _dec(a).__pow__(b, modulo, self)

    def sqrt(self, a):
        return _dec(a).sqrt(self)

    def quantize(self, a, b):
        return _dec(a).quantize(b, context=self)

    def abs(self, a):
        return _dec(a).__abs__(self)

    def plus(self, a):
        return _dec(a).__pos__(self)

    def minus(self, a):
        return _dec(a).__neg__(self)

    def compare(self, a, b):
        return _dec(a).compare(b, self)

    def to_integral_value(self, a):
        return _dec(a).to_integral_value(context=self)

    def normalize(self, a):
        return _dec(a).normalize(self)


_current = []


def getcontext():
    if not _current:
        _current.append(DefaultContext.copy())
    return _current[-1]


def setcontext(context):
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
        context.clear_flags()
    if _current:
        _current[-1] = context
    else:
        _current.append(context)


class _LocalContext:
    def __init__(self, ctx):
        self.new_context = ctx

    def __enter__(self):
        self.saved = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, *exc):
        setcontext(self.saved)


def localcontext(ctx=None, **kwargs):
    ctx = (getcontext() if ctx is None else ctx).copy()
    for k, v in kwargs.items():
        if k not in ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags', 'traps'):
            raise TypeError("'%s' is an invalid keyword argument for this function" % k)
        if k in ('flags', 'traps'):
            v = Context._signal_dict(v, None)
        setattr(ctx, k, v)
    return _LocalContext(ctx)


def _dec(x):
    if isinstance(x, Decimal):
        return x
    if type(x) is int or type(x) is bool:
        return Decimal(x)
    raise TypeError('conversion from %s to Decimal is not supported' % type(x).__name__)


def _round_int(sign, q, r, half, mode):
    # whether to add one to the kept digits q, given the dropped part r
    # compared with half of one unit of q
    if r == 0:
        return False
    if mode == ROUND_HALF_EVEN:
        return r > half or (r == half and q & 1)
    if mode == ROUND_HALF_UP:
        return r >= half
    if mode == ROUND_HALF_DOWN:
        return r > half
    if mode == ROUND_DOWN:
        return False
    if mode == ROUND_UP:
        return True
    if mode == ROUND_CEILING:
        return sign == 0
    if mode == ROUND_FLOOR:
        return sign == 1
    return q % 10 in (0, 5)  # ROUND_05UP


def _shift_round(sign, coeff, drop, mode):
    # coeff with its last `drop` digits removed, rounded; and whether inexact
    if drop > _digits(coeff):
        # every digit goes and what goes is below half a unit: no 10**drop
        if coeff == 0:
            return 0, False
        return (1 if _round_int(sign, 0, 1, 2, mode) else 0), True
    p = 10 ** drop
    q, r = divmod(coeff, p)
    if _round_int(sign, q, r * 2, p, mode) if mode.startswith('ROUND_HALF') else \
            _round_int(sign, q, r, p, mode):
        q += 1
    return q, r != 0


def _format_spec(spec):
    # [[fill]align][sign][z][#][0][width][,|_][.precision][type]
    fill, align, i, n = ' ', '>', 0, len(spec)
    if n >= 2 and spec[1] in '<>=^':
        fill, align, i = spec[0], spec[1], 2
    elif n >= 1 and spec[0] in '<>=^':
        align, i = spec[0], 1
    sign = '-'
    if i < n and spec[i] in '+- ':
        sign = spec[i]
        i += 1
    nozero = i < n and spec[i] == 'z'
    i += nozero
    alt = i < n and spec[i] == '#'
    if alt:  # CPython 3.11's decimal refuses '#' (and '_' below)
        raise ValueError('invalid format string')
    if i < n and spec[i] == '0':
        if not (n >= 2 and spec[1] in '<>=^') and not (n >= 1 and spec[0] in '<>=^'):
            fill, align = '0', '='
        i += 1
    j = i
    while i < n and spec[i].isdigit():
        i += 1
    width = int(spec[j:i]) if i > j else 0
    group = ''
    if i < n and spec[i] == ',':
        group = spec[i]
        i += 1
    prec = None
    if i < n and spec[i] == '.':
        j = i + 1
        i = j
        while i < n and spec[i].isdigit():
            i += 1
        if i == j:
            raise ValueError('Format specifier missing precision')
        prec = int(spec[j:i])
    kind = None
    if i < n:
        kind = spec[i]
        i += 1
        if kind not in 'eEfFgG%':
            raise ValueError("Unknown format code '%s' for object of type 'Decimal'" % kind)
    if i != n:
        raise ValueError('Invalid format specifier')
    return fill, align, sign, nozero, alt, width, group, prec, kind


def _format_round(sign, coeff, exp, kind, prec, mode):
    # the digits and exponent a format spec shows, rounded as the
    # context's rounding mode says
    digits = str(coeff)
    if prec is not None:
        if kind in 'eE':
            keep = prec + 1
        elif kind in 'fF%':
            keep = len(digits) + exp + prec  # digits up to 10**-prec
        elif len(digits) > prec:
            keep = prec
        else:
            keep = len(digits)
        if keep < len(digits):
            drop = len(digits) - keep
            q, _ = _shift_round(sign, coeff, drop, mode)
            exp += drop
            digits = str(q)
            if kind in 'eEgG' and len(digits) > max(keep, 1):
                digits = digits[:-1]  # 999 -> 1000: one digit fewer, exponent up
                exp += 1
        elif keep > len(digits) and (kind in 'fF%' or (kind in 'eE' and coeff)):
            exp -= keep - len(digits)
            digits = digits + '0' * (keep - len(digits))
    if coeff == 0 and kind in 'fF%' and exp > 0:
        exp = 0
    if digits.strip('0') == '':
        digits = '0' if kind not in 'eE' or prec is None else digits
    return digits, exp


def _group(whole, sep):
    out = []
    while len(whole) > 3:
        out.append(whole[-3:])
        whole = whole[:-3]
    out.append(whole)
    return sep.join(reversed(out))


def _arithmetic(compute):
    """A binary operator and its reflected form from compute(a, b, ctx).

    Both accept an int or a Decimal on the other side and answer
    NotImplemented for anything else, as the numeric tower asks."""
    def forward(self, other, context=None):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return compute(self, o, context or getcontext())

    def reflected(self, other, context=None):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return compute(o, self, context or getcontext())

    return forward, reflected


def _ordering(holds):
    """An order comparison: holds(c) for c the sign of self - other.

    An unordered pair (a NaN) compares false once the signal is raised."""
    def compare(self, other):
        c = self._order(other)
        return c if c is NotImplemented else (c is not None and holds(c))

    return compare


class Decimal:
    __slots__ = ('_sign', '_int', '_exp', '_special')

    def __init__(self, value='0', context=None):
        if type(value) is str:
            r = _parse(value)
            if r is None:
                ctx = context or getcontext()
                ctx._raise(ConversionSyntax)
                r = (0, 0, 'n', 'n')
            self._sign, self._int, self._exp, self._special = r
            return
        if isinstance(value, Decimal):
            self._set(value._sign, value._int, value._exp, value._special)
            return
        if type(value) is int or type(value) is bool:
            v = int(value)
            self._set(1 if v < 0 else 0, abs(v), 0, '')
            return
        if isinstance(value, float):
            d = Decimal.from_float(value)
            self._set(d._sign, d._int, d._exp, d._special)
            return
        if isinstance(value, (tuple, list)):
            self._from_tuple(value)
            return
        if isinstance(value, str):
            r = _parse(value)
            if r is None:
                ctx = context or getcontext()
                ctx._raise(ConversionSyntax)
                r = (0, 0, 'n', 'n')
            self._set(*r)
            return
        raise TypeError('conversion from %s to Decimal is not supported' % type(value).__name__)

    def _set(self, sign, coeff, exp, special):
        self._sign, self._int, self._exp, self._special = sign, coeff, exp, special

    def _from_tuple(self, t):
        if len(t) != 3:
            raise ValueError('argument must be a sequence of length 3')
        sign, digits, exp = t
        if sign not in (0, 1):
            raise ValueError('sign must be an integer with the value 0 or 1')
        coeff = 0
        for d in digits:
            if not (type(d) is int and 0 <= d <= 9):
                raise ValueError('coefficient must be a tuple of digits')
            coeff = coeff * 10 + d
        if exp in ('F', 'n', 'N'):
            self._set(sign, coeff if exp != 'F' else 0, exp, exp)
        elif type(exp) is int:
            self._set(sign, coeff, exp, '')
        else:
            raise ValueError('exponent must be an integer')

    @classmethod
    def _new(cls, sign, coeff, exp, special=''):
        d = object.__new__(cls)
        d._sign, d._int, d._exp, d._special = sign, coeff, exp, special
        return d

    @classmethod
    def from_float(cls, f):
        if type(f) is int or type(f) is bool:
            return cls(f)
        if not isinstance(f, float):
            raise TypeError('argument must be int or float')
        if f != f:
            return cls._new(0, 0, 'n', 'n')
        if f in (float('inf'), float('-inf')):
            return cls._new(1 if f < 0 else 0, 0, 'F', 'F')
        sign = 1 if (f < 0 or (f == 0 and str(f).startswith('-'))) else 0
        n, d = _numeric.float_ratio(abs(f))
        k = _numeric.bits(d) - 1  # d == 2**k
        return cls._new(sign, n * 5 ** k, -k)

    # --- predicates and parts
    def is_nan(self):
        return self._special in ('n', 'N')

    def is_qnan(self):
        return self._special == 'n'

    def is_snan(self):
        return self._special == 'N'

    def is_infinite(self):
        return self._special == 'F'

    def is_finite(self):
        return not self._special

    def is_zero(self):
        return not self._special and self._int == 0

    def is_signed(self):
        return self._sign == 1

    def is_normal(self, context=None):
        if self._special or self._int == 0:
            return False
        return self.adjusted() >= (context or getcontext()).Emin

    def is_subnormal(self, context=None):
        if self._special or self._int == 0:
            return False
        return self.adjusted() < (context or getcontext()).Emin

    def adjusted(self):
        if self._special:
            return 0
        return self._exp + _digits(self._int) - 1

    def as_tuple(self):
        if self._special == 'F':
            digits = (0,)
        elif self._special and not self._int:
            digits = ()
        else:
            digits = tuple([int(c) for c in str(self._int)])
        return DecimalTuple(self._sign, digits, self._exp)

    def as_integer_ratio(self):
        if self._special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer ratio')
            raise OverflowError('cannot convert Infinity to integer ratio')
        n = -self._int if self._sign else self._int
        if self._exp >= 0:
            return n * 10 ** self._exp, 1
        d = 10 ** -self._exp
        g = _numeric.gcd(n, d)
        return n // g, d // g

    def copy_abs(self):
        return Decimal._new(0, self._int, self._exp, self._special)

    def copy_negate(self):
        return Decimal._new(1 - self._sign, self._int, self._exp, self._special)

    def copy_sign(self, other, context=None):
        return Decimal._new(_dec(other)._sign, self._int, self._exp, self._special)

    # --- text
    def __str__(self):
        return self.to_sci_string()

    def to_sci_string(self, context=None):
        sign = '-' if self._sign else ''
        if self._special == 'F':
            return sign + 'Infinity'
        if self._special:
            pre = 'NaN' if self._special == 'n' else 'sNaN'
            return sign + pre + (str(self._int) if self._int else '')
        digits = str(self._int)
        exp = self._exp
        adj = exp + len(digits) - 1
        if exp <= 0 and adj >= -6:
            if exp == 0:
                return sign + digits
            point = len(digits) + exp
            if point > 0:
                return sign + digits[:point] + '.' + digits[point:]
            return sign + '0.' + '0' * -point + digits
        e = 'E' if (context or getcontext()).capitals else 'e'
        body = digits[0] + ('.' + digits[1:] if len(digits) > 1 else '')
        return sign + body + e + ('+' if adj >= 0 else '') + str(adj)

    def to_eng_string(self, context=None):
        if self._special:
            return str(self)
        digits = str(self._int)
        adj = self._exp + len(digits) - 1
        if self._exp <= 0 and adj >= -6:
            return str(self)
        sign = '-' if self._sign else ''
        # exponent a multiple of three, one to three digits before the point
        e3 = adj - adj % 3
        point = adj - e3 + 1
        if self._int == 0:
            e3 = self._exp + (-self._exp) % 3 if self._exp % 3 else self._exp
            point = 1
            body = '0' if e3 == self._exp else '0.' + '0' * (e3 - self._exp)
            return sign + body + ('E%+d' % e3 if e3 else '')
        if len(digits) < point:
            digits += '0' * (point - len(digits))
        body = digits[:point] + ('.' + digits[point:] if len(digits) > point else '')
        return sign + body + ('E%+d' % e3 if e3 else '')

    def __repr__(self):
        return "Decimal('%s')" % str(self)

    def __format__(self, spec):
        fill, align, sign, nozero, alt, width, group, prec, kind = _format_spec(spec)
        if self._special and fill == '0' and align == '=' and '0=' not in spec:
            fill, align = ' ', '>'  # no zero padding for Infinity and NaN
        ctx = getcontext()
        if kind is None:
            kind = 'gG'[ctx.capitals]
        if kind in 'gG' and prec == 0:
            prec = 1
        neg = self._sign
        if self._special:
            body = 'Infinity' if self._special == 'F' else 'NaN'
            if kind == '%':
                body += '%'
        else:
            digits, exp = _format_round(self._sign, self._int, self._exp + (2 if kind == '%' else 0),
                                        kind, prec, ctx.rounding)
            if digits == '0' and nozero:
                neg = 0
            left = exp + len(digits)
            if kind in 'eE':
                dot = 1 - prec if digits == '0' and prec is not None else 1
            elif kind in 'fF%':
                dot = left
            else:
                dot = left if exp <= 0 and left > -6 else 1
            if dot < 0:
                whole, frac = '0', '0' * -dot + digits
            elif dot > len(digits):
                whole, frac = digits + '0' * (dot - len(digits)), ''
            else:
                whole, frac = digits[:dot] or '0', digits[dot:]
            if group:
                whole = _group(whole, group)
            body = whole + ('.' + frac if frac or alt else '')
            if left - dot != 0 or kind in 'eE':
                body += ('E' if kind in 'EG' else 'e') + '%+d' % (left - dot)
            if kind == '%':
                body += '%'
        lead = '-' if neg else ('' if sign == '-' else sign)
        pad = width - len(lead) - len(body)
        if pad <= 0:
            return lead + body
        if align == '=':
            return lead + fill * pad + body
        if align == '<':
            return lead + body + fill * pad
        if align == '^':
            return fill * (pad // 2) + lead + body + fill * (pad - pad // 2)
        return fill * pad + lead + body

    # --- conversions
    def __float__(self):
        if self._special == 'N':
            raise ValueError('cannot convert signaling NaN to float')
        if self._special == 'n':
            return float('-nan') if self._sign else float('nan')
        if self._special == 'F':
            return float('-inf') if self._sign else float('inf')
        n, d = self.as_integer_ratio()
        if n == 0:
            return -0.0 if self._sign else 0.0
        return _numeric.to_float(n, d)

    def __int__(self):
        if self._special:
            if self.is_nan():
                raise ValueError('cannot convert NaN to integer')
            raise OverflowError('cannot convert Infinity to integer')
        if self._exp >= 0:
            v = self._int * 10 ** self._exp
        else:
            v = self._int // 10 ** -self._exp
        return -v if self._sign else v

    __trunc__ = __int__

    def __floor__(self):
        return int(self.to_integral_value(ROUND_FLOOR))

    def __ceil__(self):
        return int(self.to_integral_value(ROUND_CEILING))

    def __round__(self, n=None):
        if n is None:
            return int(self.to_integral_value(ROUND_HALF_EVEN))
        return self.quantize(Decimal._new(0, 1, -n))

    def __bool__(self):
        return bool(self._special) or self._int != 0

    def __hash__(self):
        if self._special == 'N':
            raise TypeError('Cannot hash a signaling NaN value.')
        if self._special:
            return hash(float(self))
        n, d = self.as_integer_ratio()
        if d == 1:
            return hash(n)
        f = _numeric.to_float(n, d)
        if _numeric.float_ratio(abs(f)) == (abs(n), d):
            return hash(f)
        return hash((n, d))

    # --- rounding to a context
    def _fix(self, ctx):
        # round to ctx.prec digits and check the exponent limits
        if self._special:
            return self
        sign, coeff, exp = self._sign, self._int, self._exp
        nd = _digits(coeff)
        if coeff and nd <= ctx.prec and ctx.Emin <= exp + nd - 1 <= ctx.Emax:
            return Decimal._new(sign, coeff, exp)  # nothing to round or check
        etiny = ctx.Emin - ctx.prec + 1
        if coeff == 0:
            exp = max(min(exp, ctx.Emax - ctx.prec + 1), etiny)
            return Decimal._new(sign, 0, exp)
        drop = nd - ctx.prec
        subnormal = exp + nd - 1 < ctx.Emin
        if subnormal and exp < etiny:
            drop = max(drop, etiny - exp)
        if drop > 0:
            coeff, inexact = _shift_round(sign, coeff, drop, ctx.rounding)
            exp += drop
            if _digits(coeff) > ctx.prec:
                coeff //= 10
                exp += 1
            if subnormal:
                if inexact:
                    ctx._raise(Underflow, Subnormal, Inexact, Rounded)
                else:
                    ctx._raise(Subnormal, Rounded)
            elif inexact:
                ctx._raise(Inexact, Rounded)
            else:
                ctx._raise(Rounded)
        elif subnormal:
            ctx._raise(Subnormal)
        if exp + _digits(coeff) - 1 > ctx.Emax:
            ctx._raise(Overflow, Inexact, Rounded)
            mode = ctx.rounding
            if (mode in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP)
                    or (mode == ROUND_CEILING and sign == 0)
                    or (mode == ROUND_FLOOR and sign == 1)):
                return Decimal._new(sign, 0, 'F', 'F')
            return Decimal._new(sign, 10 ** ctx.prec - 1, ctx.Emax - ctx.prec + 1)
        return Decimal._new(sign, coeff, exp)

    # --- special values in operations
    def _nan_result(self, other, ctx):
        # the NaN an operation returns, or None when neither operand is NaN
        for x in (self, other):
            if x is not None and x._special == 'N':
                ctx._raise(InvalidOperation)
                return Decimal._new(x._sign, x._int, 'n', 'n')
        for x in (self, other):
            if x is not None and x._special == 'n':
                return x
        return None

    def _invalid(self, ctx, cond=InvalidOperation):
        ctx._raise(cond)
        return Decimal._new(0, 0, 'n', 'n')

    @staticmethod
    def _other(other):
        if isinstance(other, Decimal):
            return other
        if type(other) is int or type(other) is bool:
            return Decimal(other)
        return None

    # --- arithmetic
    def _add(self, other, ctx):
        if self._special or other._special:
            nan = self._nan_result(other, ctx)
            if nan is not None:
                return nan
            if self._special and other._special and self._sign != other._sign:
                return self._invalid(ctx)
            return Decimal(self if self._special else other)
        if self._int == 0 or other._int == 0:
            if self._int == 0 and other._int == 0:
                exp = min(self._exp, other._exp)
            else:
                # x + 0: x padded with zeros down to the smaller exponent, but
                # not beyond the precision
                x = other if self._int == 0 else self
                exp = max(min(self._exp, other._exp), x._exp - max(0, ctx.prec - _digits(x._int)))
        else:
            exp = min(self._exp, other._exp)
            # an operand entirely below the rounding point counts only as a
            # sticky digit: keep the numbers small when exponents are far apart
            big, small = (self, other) if self._exp >= other._exp else (other, self)
            limit = big._exp + min(-1, _digits(big._int) - ctx.prec - 2) \
                if big._exp - small._exp > ctx.prec else small._exp
            if small._exp + _digits(small._int) - 1 < limit:
                small = Decimal._new(small._sign, 1, limit)
                if big is self:
                    other = small
                else:
                    self = small
                exp = limit
        a = self._int * 10 ** (self._exp - exp) if self._int else 0
        b = other._int * 10 ** (other._exp - exp) if other._int else 0
        if self._sign:
            a = -a
        if other._sign:
            b = -b
        total = a + b
        if total == 0:
            if self._sign and other._sign:
                sign = 1
            elif self._sign != other._sign and ctx.rounding == ROUND_FLOOR:
                sign = 1
            else:
                sign = 0
            return Decimal._new(sign, 0, exp)._fix(ctx)
        return Decimal._new(1 if total < 0 else 0, abs(total), exp)._fix(ctx)

    def _mul(self, other, ctx):
        sign = self._sign ^ other._sign
        if self._special or other._special:
            nan = self._nan_result(other, ctx)
            if nan is not None:
                return nan
            if (self._special and other.is_zero()) or (other._special and self.is_zero()):
                return self._invalid(ctx)
            return Decimal._new(sign, 0, 'F', 'F')
        return Decimal._new(sign, self._int * other._int, self._exp + other._exp)._fix(ctx)

    def _div(self, other, ctx):
        sign = self._sign ^ other._sign
        if self._special or other._special:
            nan = self._nan_result(other, ctx)
            if nan is not None:
                return nan
            if self._special and other._special:
                return self._invalid(ctx)
            if self._special:
                return Decimal._new(sign, 0, 'F', 'F')
            ctx._raise(Clamped)
            return Decimal._new(sign, 0, ctx.Emin - ctx.prec + 1)
        if other._int == 0:
            if self._int == 0:
                return self._invalid(ctx, DivisionUndefined)
            ctx._raise(DivisionByZero)
            return Decimal._new(sign, 0, 'F', 'F')
        ideal = self._exp - other._exp
        if self._int == 0:
            return Decimal._new(sign, 0, ideal)._fix(ctx)
        shift = _digits(other._int) - _digits(self._int) + ctx.prec + 1
        exp = ideal - shift
        if shift >= 0:
            q, r = divmod(self._int * 10 ** shift, other._int)
        else:
            q, r = divmod(self._int, other._int * 10 ** -shift)
        if r:
            if q % 5 == 0:
                q += 1
        else:
            while exp < ideal and q % 10 == 0:
                q //= 10
                exp += 1
        return Decimal._new(sign, q, exp)._fix(ctx)

    def _divmod(self, other, ctx, want='qr'):
        sign = self._sign ^ other._sign
        if self._special or other._special:
            nan = self._nan_result(other, ctx)
            if nan is not None:
                return nan, nan
            if self._special:
                bad = self._invalid(ctx)
                return bad, bad
            return Decimal._new(sign, 0, 0), self._fix(ctx)
        if other._int == 0:
            if self._int == 0:
                bad = self._invalid(ctx, DivisionUndefined)
                return bad, bad
            if want == 'r':
                bad = self._invalid(ctx)
                return bad, bad
            if want == 'q':
                ctx._raise(DivisionByZero)
            else:
                ctx._raise(DivisionByZero, InvalidOperation)
            return Decimal._new(sign, 0, 'F', 'F'), Decimal._new(0, 0, 'n', 'n')
        if self._int and self.adjusted() - other.adjusted() > ctx.prec:
            bad = self._invalid(ctx, DivisionImpossible)
            return bad, bad
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp)
        b = other._int * 10 ** (other._exp - exp)
        q, r = divmod(a, b)
        if _digits(q) > ctx.prec:
            bad = self._invalid(ctx, DivisionImpossible)
            return bad, bad
        quot = Decimal._new(sign, q, 0)
        rem = Decimal._new(self._sign, r, exp)._fix(ctx)
        return quot, rem

    __add__, __radd__ = _arithmetic(lambda a, b, ctx: a._add(b, ctx))
    __sub__, __rsub__ = _arithmetic(lambda a, b, ctx: a._add(b.copy_negate(), ctx))
    __mul__, __rmul__ = _arithmetic(lambda a, b, ctx: a._mul(b, ctx))
    __truediv__, __rtruediv__ = _arithmetic(lambda a, b, ctx: a._div(b, ctx))
    __floordiv__, __rfloordiv__ = _arithmetic(lambda a, b, ctx: a._divmod(b, ctx, 'q')[0])
    __mod__, __rmod__ = _arithmetic(lambda a, b, ctx: a._divmod(b, ctx, 'r')[1])
    __divmod__, __rdivmod__ = _arithmetic(lambda a, b, ctx: a._divmod(b, ctx))

    def __pow__(self, other, modulo=None, context=None):
        ctx = context or getcontext()
        o = self._other(other)
        if o is None:
            return NotImplemented
        if modulo is not None:
            m = _dec(modulo)
            if (self._special or o._special or m._special or self._exp < 0 or o._exp < 0
                    or m._exp < 0 or o._sign or m._int == 0):
                return self._invalid(ctx)
            r = pow(int(self), int(o), int(m))
            return Decimal(r)._fix(ctx)
        nan = self._nan_result(o, ctx)
        if nan is not None:
            return nan
        if o._special:
            return self._invalid(ctx)
        if o._exp < 0 and o._int % 10 ** -o._exp:
            raise NotImplementedError('non-integer powers are not implemented in this decimal')
        n = int(o)
        if self._special:
            if n == 0:
                return Decimal(1)
            sign = self._sign if n % 2 else 0
            if n < 0:
                return Decimal._new(sign, 0, 0)
            return Decimal._new(sign, 0, 'F', 'F')
        if n == 0:
            if self._int == 0:
                return self._invalid(ctx)
            return Decimal(1)
        sign = self._sign if n % 2 else 0
        if self._int == 0:
            if n < 0:
                ctx._raise(DivisionByZero)
                return Decimal._new(sign, 0, 'F', 'F')
            return Decimal._new(sign, 0, self._exp * n)._fix(ctx)
        if n > 0:
            if _digits(self._int) * n > ctx.prec + 50 and n > 64:
                # keep the working numbers bounded: square-and-multiply
                # with extra digits, then one final rounding
                return self._pow_rounded(n, sign, ctx)
            return Decimal._new(sign, self._int ** n, self._exp * n)._fix(ctx)
        pos = Decimal._new(0, self._int, self._exp)
        with localcontext(ctx) as wc:
            wc.prec = ctx.prec + 3
            wc.traps = dict((s, False) for s in _SIGNALS)
            big = pos ** -n
        r = Decimal(1)._div(big, ctx)
        return Decimal._new(sign, r._int, r._exp, r._special)

    def _pow_rounded(self, n, sign, ctx):
        with localcontext(ctx) as wc:
            wc.prec = ctx.prec + 10
            wc.traps = dict((s, False) for s in _SIGNALS)
            result = Decimal(1)
            base = Decimal._new(0, self._int, self._exp)
            while n:
                if n & 1:
                    result = result._mul(base, wc)
                n >>= 1
                if n:
                    base = base._mul(base, wc)
        return Decimal._new(sign, result._int, result._exp, result._special)._fix(ctx)

    def __rpow__(self, other, context=None):
        o = self._other(other)
        if o is None:
            return NotImplemented
        return o.__pow__(self, None, context)

    def __neg__(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._nan_result(None, ctx) or self.copy_negate()
        sign = 0 if self._int == 0 and ctx.rounding != ROUND_FLOOR else 1 - self._sign
        return Decimal._new(sign, self._int, self._exp)._fix(ctx)

    def __pos__(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._nan_result(None, ctx) or Decimal(self)
        sign = 0 if self._int == 0 and ctx.rounding != ROUND_FLOOR else self._sign
        return Decimal._new(sign, self._int, self._exp)._fix(ctx)

    def __abs__(self, round=True, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._nan_result(None, ctx) or self.copy_abs()
        if not round:
            return self.copy_abs()
        return Decimal._new(0, self._int, self._exp)._fix(ctx)

    def sqrt(self, context=None):
        ctx = context or getcontext()
        if self._special:
            nan = self._nan_result(None, ctx)
            if nan is not None:
                return nan
            if self._sign:
                return self._invalid(ctx)
            return Decimal(self)
        ideal = self._exp // 2
        if self._int == 0:
            return Decimal._new(self._sign, 0, ideal)
        if self._sign:
            return self._invalid(ctx)
        c, e = self._int, self._exp
        if e % 2:
            c *= 10
            e -= 1
        k = max(0, ctx.prec + 1 - (_digits(c) + 1) // 2)
        c *= 10 ** (2 * k)
        e -= 2 * k
        r = _numeric.isqrt(c)
        exact = r * r == c
        e //= 2
        if exact:
            while e < ideal and r % 10 == 0:
                r //= 10
                e += 1
        elif r % 5 == 0:
            r += 1
        wc = ctx.copy()
        wc.rounding = ROUND_HALF_EVEN
        result = Decimal._new(0, r, e)._fix(wc)
        for s in (Inexact, Rounded):
            if wc.flags[s]:
                ctx.flags[s] = True
        return result

    # --- comparisons
    def _cmp_value(self, other):
        # -1/0/1 comparing values; None when a NaN is involved
        if self.is_nan() or other.is_nan():
            return None
        if self._special or other._special:
            a = 0 if not self._special else (-1 if self._sign else 1)
            b = 0 if not other._special else (-1 if other._sign else 1)
            return (a > b) - (a < b)
        if self._int == 0 and other._int == 0:
            return 0
        sa = -1 if self._sign else 1
        sb = -1 if other._sign else 1
        exp = min(self._exp, other._exp)
        a = sa * self._int * 10 ** (self._exp - exp)
        b = sb * other._int * 10 ** (other._exp - exp)
        return (a > b) - (a < b)

    def _convert_cmp(self, other, order):
        if isinstance(other, Decimal):
            return other
        if type(other) is int or type(other) is bool:
            return Decimal(other)
        if isinstance(other, float):
            ctx = getcontext()
            if order:
                ctx._raise(FloatOperation)
            else:
                ctx.flags[FloatOperation] = True
            return Decimal.from_float(other)
        if getattr(other, '_is_fraction', False):
            # compare n/d exactly: self * d against n
            n, d = other.as_integer_ratio()
            return _FracProxy(n, d)
        return None

    def __eq__(self, other):
        o = self._convert_cmp(other, False)
        if o is None:
            return NotImplemented
        if isinstance(o, _FracProxy):
            return o.cmp(self) == 0
        if self.is_snan() or o.is_snan():
            getcontext()._raise(InvalidOperation)
        return self._cmp_value(o) == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def _order(self, other):
        o = self._convert_cmp(other, True)
        if o is None:
            return NotImplemented
        if isinstance(o, _FracProxy):
            return o.cmp(self)
        c = self._cmp_value(o)
        if c is None:
            getcontext()._raise(InvalidOperation)
        return c

    __lt__ = _ordering(lambda c: c < 0)
    __le__ = _ordering(lambda c: c <= 0)
    __gt__ = _ordering(lambda c: c > 0)
    __ge__ = _ordering(lambda c: c >= 0)

    def compare(self, other, context=None):
        ctx = context or getcontext()
        o = _dec(other)
        nan = self._nan_result(o, ctx)
        if nan is not None:
            return nan
        return Decimal(self._cmp_value(o))

    def max(self, other, context=None):
        ctx = context or getcontext()
        o = _dec(other)
        if self.is_nan() or o.is_nan():
            if self.is_snan() or o.is_snan():
                return self._nan_result(o, ctx)
            return (o if self.is_nan() else self)._fix(ctx)
        c = self._cmp_value(o)
        if c == 0:
            c = (self._sign == 0) - (o._sign == 0) or (self._exp > o._exp) - (self._exp < o._exp)
            if self._sign and o._sign:
                c = -c
        return (self if c >= 0 else o)._fix(ctx)

    def min(self, other, context=None):
        ctx = context or getcontext()
        o = _dec(other)
        if self.is_nan() or o.is_nan():
            if self.is_snan() or o.is_snan():
                return self._nan_result(o, ctx)
            return (o if self.is_nan() else self)._fix(ctx)
        c = self._cmp_value(o)
        if c == 0:
            c = (self._sign == 0) - (o._sign == 0) or (self._exp > o._exp) - (self._exp < o._exp)
            if self._sign and o._sign:
                c = -c
        return (self if c <= 0 else o)._fix(ctx)

    # --- exponent manipulation
    def quantize(self, exp, rounding=None, context=None):
        ctx = context or getcontext()
        exp = _dec(exp)
        rounding = rounding or ctx.rounding
        if self._special or exp._special:
            nan = self._nan_result(exp, ctx)
            if nan is not None:
                return nan
            if self._special == 'F' and exp._special == 'F':
                return Decimal(self)
            return self._invalid(ctx)
        target = exp._exp
        if not (ctx.Emin - ctx.prec + 1 <= target <= ctx.Emax):
            return self._invalid(ctx)
        if self._int == 0:
            return Decimal._new(self._sign, 0, target)
        if self.adjusted() - target + 1 > ctx.prec:
            return self._invalid(ctx)
        if target > self._exp:
            coeff, inexact = _shift_round(self._sign, self._int, target - self._exp, rounding)
            if inexact:
                ctx._raise(Inexact, Rounded)
            else:
                ctx._raise(Rounded)
        else:
            coeff = self._int * 10 ** (self._exp - target)
        if _digits(coeff) > ctx.prec:
            return self._invalid(ctx)
        return Decimal._new(self._sign, coeff, target)

    def same_quantum(self, other, context=None):
        o = _dec(other)
        if self._special or o._special:
            return (self.is_nan() and o.is_nan()) or (self.is_infinite() and o.is_infinite())
        return self._exp == o._exp

    def _to_integral(self, rounding, ctx, exact):
        if self._special:
            nan = self._nan_result(None, ctx)
            return nan if nan is not None else Decimal(self)
        if self._exp >= 0:
            return Decimal(self)
        if self._int == 0:
            return Decimal._new(self._sign, 0, 0)
        coeff, inexact = _shift_round(self._sign, self._int, -self._exp,
                                      rounding or ctx.rounding)
        if exact:
            if inexact:
                ctx._raise(Inexact, Rounded)
            else:
                ctx._raise(Rounded)
        return Decimal._new(self._sign, coeff, 0)

    def to_integral_value(self, rounding=None, context=None):
        return self._to_integral(rounding, context or getcontext(), False)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        return self._to_integral(rounding, context or getcontext(), True)

    def normalize(self, context=None):
        ctx = context or getcontext()
        if self._special:
            return self._nan_result(None, ctx) or Decimal(self)
        d = self._fix(ctx)
        if d._special:
            return d
        if d._int == 0:
            return Decimal._new(d._sign, 0, 0)
        coeff, exp = d._int, d._exp
        emax = ctx.Emax - ctx.prec + 1
        while coeff % 10 == 0 and exp < emax:
            coeff //= 10
            exp += 1
        return Decimal._new(d._sign, coeff, exp)

    def scaleb(self, other, context=None):
        ctx = context or getcontext()
        o = _dec(other)
        if self._special:
            return Decimal(self)
        return Decimal._new(self._sign, self._int, self._exp + int(o))._fix(ctx)

    def fma(self, other, third, context=None):
        ctx = context or getcontext()
        product = self._mul(_dec(other), Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN,
                                                 traps=[]))
        return product._add(_dec(third), ctx)

    def remainder_near(self, other, context=None):
        ctx = context or getcontext()
        o = _dec(other)
        q, r = self._divmod(o, ctx)
        if r._special:
            return r
        # pick the remainder nearest to zero (ties give an even quotient)
        alt = r._add(o.copy_abs() if r._sign else o.copy_abs().copy_negate(), ctx)
        c = abs(alt)._cmp_value(abs(r))
        if c < 0 or (c == 0 and q._int % 2 == 1):
            return alt
        return r

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self


class _FracProxy:
    def __init__(self, n, d):
        self.n, self.d = n, d

    def cmp(self, dec):
        # compare a Decimal with n/d: -1, 0, 1 (dec relative to the fraction)
        if dec._special:
            if dec.is_nan():
                return None
            return -1 if dec._sign else 1
        a, b = dec.as_integer_ratio()
        x, y = a * self.d, self.n * b
        return (x > y) - (x < y)


def _parse(s):
    # -> (sign, coefficient, exponent, special) or None
    t = s.strip()
    # the usual forms first: [-]digits[.digits]
    u = t[1:] if t[:1] == '-' else t
    a, dot, b = u.partition('.')
    if (a.isdigit() or (not a and b)) and (not b or b.isdigit()):
        return (1 if u is not t else 0), int(a + b), -len(b), ''
    t = t.replace('_', '')
    sign = 0
    if t[:1] in ('+', '-') and t:
        sign = 1 if t[0] == '-' else 0
        t = t[1:]
    low = t.lower()
    if low in ('inf', 'infinity'):
        return sign, 0, 'F', 'F'
    for prefix, kind in (('snan', 'N'), ('nan', 'n')):
        if low.startswith(prefix):
            payload = low[len(prefix):]
            if payload and not payload.isdigit():
                return None
            return sign, int(payload) if payload else 0, kind, kind
    exp = 0
    if 'e' in low:
        k = low.index('e')
        low, e = low[:k], low[k + 1:]
        es = e[1:] if e[:1] in ('+', '-') and e else e
        if not es.isdigit():
            return None
        exp = int(e)
    if '.' in low:
        a, b = low.split('.', 1)
    else:
        a, b = low, ''
    if not (a or b) or (a and not a.isdigit()) or (b and not b.isdigit()):
        return None
    return sign, int(a + b), exp - len(b), ''


try:
    from collections import namedtuple as _namedtuple
    DecimalTuple = _namedtuple('DecimalTuple', ['sign', 'digits', 'exponent'])
except ImportError:
    DecimalTuple = tuple

DefaultContext = Context(prec=28, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                         capitals=1, clamp=0, flags=[],
                         traps=[DivisionByZero, Overflow, InvalidOperation])
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, Emin=-999999, Emax=999999,
                       flags=[], traps=[DivisionByZero, Overflow, InvalidOperation, Clamped,
                                        Underflow])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                          flags=[], traps=[])
_default_ready = True


def _register_with_numbers():
    # numbers.Number counts Decimal (whichever module is imported first)
    import sys
    numbers = sys.modules.get('numbers')
    if numbers is not None:
        numbers.Number.register(Decimal)


_register_with_numbers()
