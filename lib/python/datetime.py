# datetime: CPython-compatible dates and times for mpbox (written here from the CPython documentation;
# it replaces MicroPython's frozen datetime, whose repr, strftime, strptime, isocalendar, min/max differ).
# The sandbox has no local time zone: local time is UTC. date.today(), datetime.now() and
# datetime.fromtimestamp() without tz give UTC, and naive datetimes are taken as UTC by timestamp()
# and astimezone().
import time as _time

MINYEAR = 1
MAXYEAR = 9999
_DIM = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_DBM = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
           'October', 'November', 'December')
_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_US_DAY = 86400000000


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _dim(y, m):
    return 29 if m == 2 and _leap(y) else _DIM[m]


def _ymd2ord(y, m, d):
    y1 = y - 1
    return y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400 + _DBM[m] + (m > 2 and _leap(y)) + d


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, 146097)
    y = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    y += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return y - 1, 12, 31
    leap = n1 == 3 and (n4 != 24 or n100 == 3)
    m = (n + 50) >> 5
    before = _DBM[m] + (m > 2 and leap)
    if before > n:
        m -= 1
        before -= _DIM[m] + (m == 2 and leap)
    return y, m, n - before + 1


def _check_int(x):
    if not isinstance(x, int):
        raise TypeError('an integer is required (got type %s)' % type(x).__name__)


def _check_date(y, m, d):
    _check_int(y)
    _check_int(m)
    _check_int(d)
    if not MINYEAR <= y <= MAXYEAR:
        raise ValueError('year %d is out of range' % y)
    if not 1 <= m <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= d <= _dim(y, m):
        raise ValueError('day is out of range for month')


def _check_time(h, mi, s, us, fold):
    for x in (h, mi, s, us):
        _check_int(x)
    if not 0 <= h <= 23:
        raise ValueError('hour must be in 0..23')
    if not 0 <= mi <= 59:
        raise ValueError('minute must be in 0..59')
    if not 0 <= s <= 59:
        raise ValueError('second must be in 0..59')
    if not 0 <= us <= 999999:
        raise ValueError('microsecond must be in 0..999999')
    if fold not in (0, 1):
        raise ValueError('fold must be either 0 or 1')


def _cmp(a, b):
    return 0 if a == b else 1 if a > b else -1


class timedelta:
    __slots__ = ('_days', '_seconds', '_microseconds')

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        us = 0
        frac = 0.0
        for v, f in ((days, _US_DAY), (seconds, 1000000), (microseconds, 1), (milliseconds, 1000),
                     (minutes, 60000000), (hours, 3600000000), (weeks, 7 * _US_DAY)):
            if isinstance(v, int):
                us += v * f
            elif isinstance(v, float):
                iv = int(v)
                us += iv * f
                frac += (v - iv) * f
            else:
                raise TypeError('unsupported type for timedelta component: %s' % type(v).__name__)
        if frac:
            # round the total half to even, like CPython
            fl = int(frac // 1)
            r = frac - fl
            us += fl + (1 if r > 0.5 or r == 0.5 and (us + fl) % 2 else 0)
        self._set(us)

    def _set(self, us):
        d, rem = divmod(us, _US_DAY)
        if not -999999999 <= d <= 999999999:
            raise OverflowError('days=%d; must have magnitude <= 999999999' % d)
        self._days = d
        self._seconds, self._microseconds = divmod(rem, 1000000)

    @classmethod
    def _from_us(cls, us):
        t = object.__new__(cls)
        t._set(us)
        return t

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._us() / 10 ** 6

    def __repr__(self):
        args = []
        if self._days:
            args.append('days=%d' % self._days)
        if self._seconds:
            args.append('seconds=%d' % self._seconds)
        if self._microseconds:
            args.append('microseconds=%d' % self._microseconds)
        return 'datetime.timedelta(%s)' % (', '.join(args) if args else '0')

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self._days:
            s = '%d day%s, ' % (self._days, '' if abs(self._days) == 1 else 's') + s
        if self._microseconds:
            s += '.%06d' % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() - other._us())
        return NotImplemented

    def __rsub__(self, other):
        if isinstance(other, timedelta):
            return -self + other
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, other):
        if isinstance(other, int):
            return timedelta._from_us(self._us() * other)
        if isinstance(other, float):
            return timedelta._from_us(round(self._us() * other))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        if isinstance(other, int):
            return timedelta._from_us(_div_round(self._us(), other))
        if isinstance(other, float):
            return timedelta._from_us(round(self._us() / other))
        return NotImplemented

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        if isinstance(other, int):
            return timedelta._from_us(self._us() // other)
        return NotImplemented

    def __mod__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us() % other._us())
        return NotImplemented

    def __divmod__(self, other):
        if isinstance(other, timedelta):
            q, r = divmod(self._us(), other._us())
            return q, timedelta._from_us(r)
        return NotImplemented

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._us() == other._us()

    def __ne__(self, other):
        return not self == other

    def _c(self, other):
        if not isinstance(other, timedelta):
            raise TypeError("'<' not supported between instances of '%s' and '%s'" %
                            (type(self).__name__, type(other).__name__))
        return _cmp(self._us(), other._us())

    def __lt__(self, other):
        return self._c(other) < 0

    def __le__(self, other):
        return self._c(other) <= 0

    def __gt__(self, other):
        return self._c(other) > 0

    def __ge__(self, other):
        return self._c(other) >= 0

    def __hash__(self):
        return hash(self._us())

    def __bool__(self):
        return self._us() != 0


def _div_round(a, b):
    # a / b rounded half to even, exactly
    q, r = divmod(a, b)
    r2 = 2 * r
    if b > 0 and (r2 > b or r2 == b and q % 2) or b < 0 and (r2 < b or r2 == b and q % 2):
        q += 1
    return q


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class tzinfo:
    def tzname(self, dt):
        raise NotImplementedError('tzinfo subclass must override tzname()')

    def utcoffset(self, dt):
        raise NotImplementedError('tzinfo subclass must override utcoffset()')

    def dst(self, dt):
        raise NotImplementedError('tzinfo subclass must override dst()')

    def fromutc(self, dt):
        return dt + dt.utcoffset()


class timezone(tzinfo):
    def __init__(self, offset, name=None):
        if not isinstance(offset, timedelta):
            raise TypeError('offset must be a timedelta')
        if name is not None and not isinstance(name, str):
            raise TypeError('name must be a string')
        if not -_US_DAY < offset._us() < _US_DAY:
            raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and '
                             'timedelta(hours=24), not %r.' % offset)
        self._offset = offset
        self._name = name

    def __repr__(self):
        if self._name is None and not self._offset:
            return 'datetime.timezone.utc'
        if self._name is None:
            return 'datetime.timezone(%r)' % self._offset
        return 'datetime.timezone(%r, %r)' % (self._offset, self._name)

    def __str__(self):
        return self.tzname(None)

    def __eq__(self, other):
        return isinstance(other, timezone) and self._offset == other._offset

    def __hash__(self):
        return hash(self._offset)

    def utcoffset(self, dt):
        return self._offset

    def dst(self, dt):
        return None

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        us = self._offset._us()
        if us == 0:
            return 'UTC'
        return 'UTC' + _fmt_offset(self._offset, ':')

    def fromutc(self, dt):
        return dt + self._offset


def _fmt_offset(off, sep):
    us = off._us()
    sign = '+'
    if us < 0:
        sign = '-'
        us = -us
    ss, us = divmod(us, 1000000)
    mm, ss = divmod(ss, 60)
    hh, mm = divmod(mm, 60)
    s = '%s%02d%s%02d' % (sign, hh, sep, mm)
    if ss or us:
        s += '%s%02d' % (sep, ss)
        if us:
            s += '.%06d' % us
    return s


timezone.utc = timezone(timedelta(0))
timezone.min = timezone(-timedelta(hours=23, minutes=59))
timezone.max = timezone(timedelta(hours=23, minutes=59))
UTC = timezone.utc


class IsoCalendarDate:
    def __init__(self, year, week, weekday):
        self.year = year
        self.week = week
        self.weekday = weekday
        self._t = (year, week, weekday)

    def __repr__(self):
        return 'datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)' % self._t

    def __iter__(self):
        return iter(self._t)

    def __getitem__(self, i):
        return self._t[i]

    def __len__(self):
        return 3

    def __eq__(self, other):
        return self._t == (other._t if isinstance(other, IsoCalendarDate) else other)

    def __hash__(self):
        return hash(self._t)


def _iso_week1_monday(year):
    first = _ymd2ord(year, 1, 1)
    wd = (first + 6) % 7
    monday = first - wd
    if wd > 3:
        monday += 7
    return monday


def _now_us():
    return _time.time_ns() // 1000


class date:
    __slots__ = ('_year', '_month', '_day')

    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self._year = year
        self._month = month
        self._day = day

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_now_us() / 1e6)

    @classmethod
    def fromtimestamp(cls, t):
        y, m, d = _ord2ymd(int(t // 86400) + 719163)
        return cls(y, m, d)

    @classmethod
    def fromordinal(cls, n):
        if not 1 <= n <= 3652059:
            raise ValueError('ordinal must be >= 1')
        return cls(*_ord2ymd(n))

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        r = _parse_isodate(s)
        if r is None:
            raise ValueError('Invalid isoformat string: %r' % s)
        return cls(*r)

    @classmethod
    def fromisocalendar(cls, year, week, day):
        if not MINYEAR <= year <= MAXYEAR:
            raise ValueError('Year is out of range: %d' % year)
        if not 0 < week < 53:
            if not (week == 53 and _iso_week1_monday(year + 1) - _iso_week1_monday(year) == 371):
                raise ValueError('Invalid week: %d' % week)
        if not 0 < day < 8:
            raise ValueError('Invalid weekday: %d (range is [1, 7])' % day)
        return cls(*_ord2ymd(_iso_week1_monday(year) + (week - 1) * 7 + day - 1))

    def __repr__(self):
        return 'datetime.date(%d, %d, %d)' % (self._year, self._month, self._day)

    def isoformat(self):
        return '%04d-%02d-%02d' % (self._year, self._month, self._day)

    __str__ = isoformat

    def ctime(self):
        return _strftime(self, '%a %b %e 00:00:00 %Y')

    def strftime(self, fmt):
        return _strftime(self, fmt)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError('must be str, not %s' % type(fmt).__name__)
        return self.strftime(fmt) if fmt else str(self)

    def timetuple(self):
        return _time_tuple(self._year, self._month, self._day, 0, 0, 0, self.weekday(),
                           self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1)

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isocalendar(self):
        y = self._year
        o = self.toordinal()
        w1 = _iso_week1_monday(y)
        if o < w1:
            y -= 1
            w1 = _iso_week1_monday(y)
        elif y < MAXYEAR and o >= _iso_week1_monday(y + 1):
            y += 1
            w1 = _iso_week1_monday(y)
        return IsoCalendarDate(y, (o - w1) // 7 + 1, (o - w1) % 7 + 1)

    def replace(self, year=None, month=None, day=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day)

    def _key(self):
        return (self._year, self._month, self._day)

    def _c(self, other, op):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return _cmp(self._key(), other._key())
        raise TypeError("'%s' not supported between instances of '%s' and '%s'" %
                        (op, type(self).__name__, type(other).__name__))

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime):
            return self._key() == other._key()
        return NotImplemented if not isinstance(other, date) else False

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        return self._c(other, '<') < 0

    def __le__(self, other):
        return self._c(other, '<=') <= 0

    def __gt__(self, other):
        return self._c(other, '>') > 0

    def __ge__(self, other):
        return self._c(other, '>=') >= 0

    def __hash__(self):
        return hash(self._key())

    def __add__(self, other):
        if isinstance(other, timedelta):
            o = self.toordinal() + other.days
            if not 0 < o <= 3652059:
                raise OverflowError('date value out of range')
            return type(self)(*_ord2ymd(o))
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date) and not isinstance(other, datetime):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


def _time_tuple(*fields):
    try:
        return _time.struct_time(fields)
    except AttributeError:
        return fields


class time:
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        _check_time(hour, minute, second, microsecond, fold)
        if tzinfo is not None and not isinstance(tzinfo, _tzinfo_class):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'" %
                            type(tzinfo).__name__)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    def __repr__(self):
        if self._microsecond:
            s = '%d, %d, %d, %d' % (self._hour, self._minute, self._second, self._microsecond)
        elif self._second:
            s = '%d, %d, %d' % (self._hour, self._minute, self._second)
        else:
            s = '%d, %d' % (self._hour, self._minute)
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % self._tzinfo
        if self._fold:
            s += ', fold=1'
        return 'datetime.time(%s)' % s

    def isoformat(self, timespec='auto'):
        s = _fmt_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _fmt_offset(off, ':')
        return s

    __str__ = isoformat

    def strftime(self, fmt):
        return _strftime(datetime(1900, 1, 1, self._hour, self._minute, self._second, self._microsecond,
                                  self._tzinfo), fmt)

    def __format__(self, fmt):
        return self.strftime(fmt) if fmt else str(self)

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        r = _parse_isotime(s[1:] if s[:1] == 'T' else s)
        if r is None:
            raise ValueError('Invalid isoformat string: %r' % s)
        return cls(*r)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(None)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(None)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(None)

    def replace(self, hour=None, minute=None, second=None, microsecond=None, tzinfo=True, *, fold=None):
        return type(self)(self._hour if hour is None else hour, self._minute if minute is None else minute,
                          self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo, fold=self._fold if fold is None else fold)

    def _key(self):
        us = ((self._hour * 60 + self._minute) * 60 + self._second) * 1000000 + self._microsecond
        off = self.utcoffset()
        if off is not None:
            us -= off._us()
        return us

    def _c(self, other, op):
        if not isinstance(other, time):
            raise TypeError("'%s' not supported between instances of '%s' and '%s'" %
                            (op, type(self).__name__, type(other).__name__))
        if (self.utcoffset() is None) != (other.utcoffset() is None):
            raise TypeError("can't compare offset-naive and offset-aware times")
        return _cmp(self._key(), other._key())

    def __eq__(self, other):
        if not isinstance(other, time):
            return NotImplemented
        if (self.utcoffset() is None) != (other.utcoffset() is None):
            return False
        return self._key() == other._key()

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __lt__(self, other):
        return self._c(other, '<') < 0

    def __le__(self, other):
        return self._c(other, '<=') <= 0

    def __gt__(self, other):
        return self._c(other, '>') > 0

    def __ge__(self, other):
        return self._c(other, '>=') >= 0

    def __hash__(self):
        return hash(self._key())

    def __bool__(self):
        return True


_tzinfo_class = tzinfo
time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


def _fmt_time(h, m, s, us, timespec):
    if timespec == 'auto':
        timespec = 'microseconds' if us else 'seconds'
    if timespec == 'hours':
        return '%02d' % h
    if timespec == 'minutes':
        return '%02d:%02d' % (h, m)
    if timespec == 'seconds':
        return '%02d:%02d:%02d' % (h, m, s)
    if timespec == 'milliseconds':
        return '%02d:%02d:%02d.%03d' % (h, m, s, us // 1000)
    if timespec == 'microseconds':
        return '%02d:%02d:%02d.%06d' % (h, m, s, us)
    raise ValueError('Unknown timespec value')


class datetime(date):
    __slots__ = ('_hour', '_minute', '_second', '_microsecond', '_tzinfo', '_fold')

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        _check_date(year, month, day)
        _check_time(hour, minute, second, microsecond, fold)
        if tzinfo is not None and not isinstance(tzinfo, _tzinfo_class):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'" %
                            type(tzinfo).__name__)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._fold = fold

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)
    tzinfo = property(lambda self: self._tzinfo)
    fold = property(lambda self: self._fold)

    @classmethod
    def _from_us(cls, us, tz=None):
        # us: microseconds since 0001-01-01T00:00
        days, us = divmod(us, _US_DAY)
        if not 0 <= days < 3652059:
            raise OverflowError('date value out of range')
        y, m, d = _ord2ymd(days + 1)
        s, us = divmod(us, 1000000)
        mi, s = divmod(s, 60)
        h, mi = divmod(mi, 60)
        return cls(y, m, d, h, mi, s, us, tz)

    def _local_us(self):
        return ((self.toordinal() - 1) * 86400 + (self._hour * 60 + self._minute) * 60 + self._second) * \
            1000000 + self._microsecond

    @classmethod
    def now(cls, tz=None):
        dt = cls._from_epoch_us(_now_us(), None)
        if tz is not None:
            dt = tz.fromutc(dt.replace(tzinfo=tz))
        return dt

    @classmethod
    def utcnow(cls):
        return cls._from_epoch_us(_now_us(), None)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def _from_epoch_us(cls, us, tz):
        return cls._from_us(us + 719162 * _US_DAY, tz)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        if tz is not None and not isinstance(tz, _tzinfo_class):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, not type '%s'" %
                            type(tz).__name__)
        us = t * 1000000 if isinstance(t, int) else round(t * 1e6)
        dt = cls._from_epoch_us(us, None)
        if tz is not None:
            dt = tz.fromutc(dt.replace(tzinfo=tz))
        return dt

    @classmethod
    def utcfromtimestamp(cls, t):
        return cls.fromtimestamp(t)

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        return cls(date.year, date.month, date.day, time.hour, time.minute, time.second, time.microsecond,
                   time.tzinfo if tzinfo is True else tzinfo, fold=time.fold)

    @classmethod
    def fromordinal(cls, n):
        return cls.combine(date.fromordinal(n), time())

    @classmethod
    def fromisoformat(cls, s):
        if not isinstance(s, str):
            raise TypeError('fromisoformat: argument must be str')
        d = None
        for k in (10, 8, 7):
            if len(s) >= k and (len(s) == k or s[k] in 'T ' or k == 10):
                d = _parse_isodate(s[:k])
                if d is not None:
                    rest = s[k + 1:] if len(s) > k else None
                    break
        if d is None:
            raise ValueError('Invalid isoformat string: %r' % s)
        t = (0, 0, 0, 0, None)
        if rest is not None:
            t = _parse_isotime(rest)
            if t is None:
                raise ValueError('Invalid isoformat string: %r' % s)
        return cls(d[0], d[1], d[2], *t)

    @classmethod
    def strptime(cls, s, fmt):
        return _strptime(cls, s, fmt)

    def __repr__(self):
        s = '%d, %d, %d, %d, %d' % (self._year, self._month, self._day, self._hour, self._minute)
        if self._microsecond:
            s += ', %d, %d' % (self._second, self._microsecond)
        elif self._second:
            s += ', %d' % self._second
        if self._tzinfo is not None:
            s += ', tzinfo=%r' % self._tzinfo
        if self._fold:
            s += ', fold=1'
        return 'datetime.datetime(%s)' % s

    def isoformat(self, sep='T', timespec='auto'):
        s = '%04d-%02d-%02d%s' % (self._year, self._month, self._day, sep) + \
            _fmt_time(self._hour, self._minute, self._second, self._microsecond, timespec)
        off = self.utcoffset()
        if off is not None:
            s += _fmt_offset(off, ':')
        return s

    def __str__(self):
        return self.isoformat(' ')

    def ctime(self):
        return _strftime(self, '%a %b %e %H:%M:%S %Y')

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond, fold=self._fold)

    def timetz(self):
        return time(self._hour, self._minute, self._second, self._microsecond, self._tzinfo, fold=self._fold)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True, *, fold=None):
        return type(self)(self._year if year is None else year, self._month if month is None else month,
                          self._day if day is None else day, self._hour if hour is None else hour,
                          self._minute if minute is None else minute, self._second if second is None else second,
                          self._microsecond if microsecond is None else microsecond,
                          self._tzinfo if tzinfo is True else tzinfo, fold=self._fold if fold is None else fold)

    def utcoffset(self):
        return None if self._tzinfo is None else self._tzinfo.utcoffset(self)

    def dst(self):
        return None if self._tzinfo is None else self._tzinfo.dst(self)

    def tzname(self):
        return None if self._tzinfo is None else self._tzinfo.tzname(self)

    def timetuple(self):
        return _time_tuple(self._year, self._month, self._day, self._hour, self._minute, self._second,
                           self.weekday(), self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1)

    def utctimetuple(self):
        off = self.utcoffset()
        d = self if off is None else (self - off).replace(tzinfo=None)
        t = d.timetuple()
        return t[:8] + (0,) if isinstance(t, tuple) else t

    def _utc_us(self):
        off = self.utcoffset()
        return self._local_us() - (0 if off is None else off._us())

    def timestamp(self):
        return (self._utc_us() - 719162 * _US_DAY) / 1e6

    def astimezone(self, tz=None):
        if tz is None:
            tz = timezone(timedelta(0), 'UTC')  # the sandbox's local time zone
        elif not isinstance(tz, _tzinfo_class):
            raise TypeError('tz argument must be an instance of tzinfo')
        utc = datetime._from_us(self._utc_us())
        return tz.fromutc(utc.replace(tzinfo=tz))

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._local_us() + other._us(), self._tzinfo)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return type(self)._from_us(self._local_us() - other._us(), self._tzinfo)
        if isinstance(other, datetime):
            a = self.utcoffset()
            b = other.utcoffset()
            if (a is None) != (b is None):
                raise TypeError("can't subtract offset-naive and offset-aware datetimes")
            if self._tzinfo is other._tzinfo:
                return timedelta._from_us(self._local_us() - other._local_us())
            return timedelta._from_us(self._utc_us() - other._utc_us())
        return NotImplemented

    def _c(self, other, op):
        if not isinstance(other, datetime):
            raise TypeError("'%s' not supported between instances of '%s' and '%s'" %
                            (op, type(self).__name__, type(other).__name__))
        a = self.utcoffset()
        b = other.utcoffset()
        if (a is None) != (b is None):
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        if self._tzinfo is other._tzinfo:
            return _cmp(self._local_us(), other._local_us())
        return _cmp(self._utc_us(), other._utc_us())

    def __eq__(self, other):
        if not isinstance(other, datetime):
            return NotImplemented if not isinstance(other, date) else False
        if (self.utcoffset() is None) != (other.utcoffset() is None):
            return False
        return self._c(other, '==') == 0

    def __hash__(self):
        return hash(self._utc_us())


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)


# ---------------------------------------------------------------- ISO parsing
def _digits(s, n):
    return len(s) == n and all('0' <= c <= '9' for c in s)


def _parse_isodate(s):
    if len(s) == 10 and s[4] == '-' and s[7] == '-' and _digits(s[:4], 4) and _digits(s[5:7], 2) and \
            _digits(s[8:], 2):
        return int(s[:4]), int(s[5:7]), int(s[8:])
    if _digits(s, 8):
        return int(s[:4]), int(s[4:6]), int(s[6:])
    # ISO week dates: 2024-W09-4, 2024W094, 2024-W09, 2024W09
    t = s.replace('-', '')
    if len(t) in (7, 8) and t[4] == 'W' and _digits(t[:4], 4) and _digits(t[5:], len(t) - 5):
        d = date.fromisocalendar(int(t[:4]), int(t[5:7]), int(t[7:]) if len(t) == 8 else 1)
        return d.year, d.month, d.day
    return None


def _parse_isotime(s):
    # HH[:MM[:SS[.fff[fff]]]][+HH:MM[:SS[.ffffff]]|Z]
    tz = None
    for i, c in enumerate(s):
        if c in '+-Z':
            tzs = s[i:]
            s = s[:i]
            if tzs == 'Z':
                tz = timezone.utc
            else:
                r = _parse_isotime(tzs[1:])
                if r is None or r[4] is not None:
                    return None
                off = timedelta(hours=r[0], minutes=r[1], seconds=r[2], microseconds=r[3])
                tz = timezone.utc if not off else timezone(-off if tzs[0] == '-' else off)
            break
    frac = 0
    for sep in '.,':
        if sep in s:
            s, f = s.split(sep, 1)
            if not f or not _digits(f, len(f)):
                return None
            frac = int((f + '000000')[:6])
    parts = s.split(':') if ':' in s else [s[i:i + 2] for i in range(0, len(s), 2)]
    if not 1 <= len(parts) <= 3 or not all(_digits(p, 2) for p in parts):
        return None
    if frac and len(parts) < 3:
        return None
    v = [int(p) for p in parts] + [0] * (3 - len(parts))
    if v[0] == 24 and v[1] == v[2] == frac == 0:
        return None
    return v[0], v[1], v[2], frac, tz


# ---------------------------------------------------------------- strftime / strptime
def _strftime(d, fmt):
    if not isinstance(fmt, str):
        raise TypeError('strftime() argument 1 must be str, not %s' % type(fmt).__name__)
    out = []
    i = 0
    n = len(fmt)
    isdt = isinstance(d, datetime)
    h = d.hour if isdt else 0
    mi = d.minute if isdt else 0
    s = d.second if isdt else 0
    us = d.microsecond if isdt else 0
    while i < n:
        j = fmt.find('%', i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        if j + 1 >= n:
            out.append('%')
            break
        c = fmt[j + 1]
        i = j + 2
        if c in '-_^#' and i < n and fmt[i].isalpha():
            # glibc's flags, which CPython's strftime passes on (Linux): %-d
            # without padding, %_d padded with spaces, %^a upper case, %#b
            # upper case (%#p and %#Z lower case)
            piece = _strftime(d, '%' + fmt[i])
            if c in '-_' and piece.strip().isdigit():
                digits = piece.lstrip(' 0') or '0'
                piece = digits if c == '-' else ' ' * (len(piece) - len(digits)) + digits
            elif c == '^' or c == '#' and fmt[i] not in 'pZ':
                piece = piece.upper()
            elif c == '#':
                piece = piece.lower()
            i += 1
            out.append(piece)
            continue
        if c == 'Y':
            out.append('%d' % d.year)
        elif c == 'm':
            out.append('%02d' % d.month)
        elif c == 'd':
            out.append('%02d' % d.day)
        elif c == 'e':
            out.append('%2d' % d.day)
        elif c == 'H':
            out.append('%02d' % h)
        elif c == 'M':
            out.append('%02d' % mi)
        elif c == 'S':
            out.append('%02d' % s)
        elif c == 'f':
            out.append('%06d' % us)
        elif c == 'y':
            out.append('%02d' % (d.year % 100))
        elif c == 'b' or c == 'h':
            out.append(_MONTHS[d.month - 1][:3])
        elif c == 'B':
            out.append(_MONTHS[d.month - 1])
        elif c == 'a':
            out.append(_DAYS[d.weekday()][:3])
        elif c == 'A':
            out.append(_DAYS[d.weekday()])
        elif c == 'w':
            out.append('%d' % ((d.weekday() + 1) % 7))
        elif c == 'u':
            out.append('%d' % d.isoweekday())
        elif c == 'j':
            out.append('%03d' % (d.toordinal() - _ymd2ord(d.year, 1, 1) + 1))
        elif c == 'p':
            out.append('AM' if h < 12 else 'PM')
        elif c == 'I':
            out.append('%02d' % (h % 12 or 12))
        elif c == 'z':
            off = d.utcoffset() if isdt or isinstance(d, time) else None
            out.append('' if off is None else _fmt_offset(off, ''))
        elif c == 'Z':
            tn = d.tzname() if isdt else None
            out.append('' if tn is None else tn)
        elif c == 'U' or c == 'W':
            yday = d.toordinal() - _ymd2ord(d.year, 1, 1)
            wd = (d.weekday() + 1) % 7 if c == 'U' else d.weekday()
            out.append('%02d' % ((yday + 7 - wd) // 7))
        elif c == 'G':
            out.append('%04d' % d.isocalendar()[0])
        elif c == 'V':
            out.append('%02d' % d.isocalendar()[1])
        elif c == 'c':
            out.append(_strftime(d, '%a %b %e %H:%M:%S %Y'))
        elif c == 'x':
            out.append(_strftime(d, '%m/%d/%y'))
        elif c == 'X':
            out.append(_strftime(d, '%H:%M:%S'))
        elif c == 'D':
            out.append(_strftime(d, '%m/%d/%y'))
        elif c == 'F':
            out.append(_strftime(d, '%Y-%m-%d'))
        elif c == 'T':
            out.append(_strftime(d, '%H:%M:%S'))
        elif c == 'R':
            out.append(_strftime(d, '%H:%M'))
        elif c == 'n':
            out.append('\n')
        elif c == 't':
            out.append('\t')
        elif c == '%':
            out.append('%')
        else:
            out.append('%' + c)
    return ''.join(out)


_NUMS = {'Y': 4, 'm': 2, 'd': 2, 'H': 2, 'M': 2, 'S': 2, 'f': 6, 'y': 2, 'j': 3, 'I': 2, 'U': 2, 'W': 2,
         'w': 1, 'u': 1, 'e': 2, 'G': 4, 'V': 2}


_RANGES = {'m': (1, 12), 'd': (1, 31), 'e': (1, 31), 'H': (0, 23), 'M': (0, 59), 'S': (0, 61), 'I': (1, 12),
           'j': (1, 366)}


def _strptime(cls, s, fmt):
    if not isinstance(s, str):
        raise TypeError('strptime() argument 1 must be str, not %s' % type(s).__name__)
    if not isinstance(fmt, str):
        raise TypeError('strptime() argument 2 must be str, not %s' % type(fmt).__name__)
    v = {}
    i = 0
    k = 0
    n = len(s)
    nf = len(fmt)
    bad = ValueError('time data %r does not match format %r' % (s, fmt))
    while k < nf:
        c = fmt[k]
        if c == '%':
            if k + 1 >= nf:
                raise ValueError("stray %% in format '%s'" % fmt)
            c = fmt[k + 1]
            k += 2
            if c in _NUMS:
                w = _NUMS[c]
                j = i
                if c == 'e' and j < n and s[j] == ' ':
                    j += 1
                    i += 1
                while j < n and j - i < w and '0' <= s[j] <= '9':
                    j += 1
                if j == i or (c in 'yY' and j - i != w):
                    raise bad
                text = s[i:j]
                if c == 'f':
                    text = (text + '000000')[:6]
                v[c] = int(text)
                r = _RANGES.get(c)
                if r is not None and not r[0] <= v[c] <= r[1]:
                    raise bad
                i = j
            elif c in 'bBhaA':
                names = _MONTHS if c in 'bBh' else _DAYS
                found = None
                low = s[i:i + 9].lower()
                for idx, nm in enumerate(names):
                    for cand in ((nm, nm[:3]) if c in 'BA' else (nm[:3], nm)):
                        if low.startswith(cand.lower()):
                            if found is None or len(cand) > len(found[1]):
                                found = (idx, cand)
                if found is None:
                    raise bad
                if c in 'bBh':
                    v['m'] = found[0] + 1
                else:
                    v['a'] = found[0]
                i += len(found[1])
            elif c == 'p':
                t = s[i:i + 2].upper()
                if t not in ('AM', 'PM'):
                    raise bad
                v['p'] = t
                i += 2
            elif c == 'z':
                if s[i:i + 1] == 'Z':
                    v['z'] = timedelta(0)
                    i += 1
                    continue
                if s[i:i + 1] not in ('+', '-'):
                    raise bad
                sign = -1 if s[i] == '-' else 1
                j = i + 1
                while j < n and (s[j].isdigit() or s[j] in ':.'):
                    j += 1
                body = s[i + 1:j]
                colon = ':' in body
                parts = body.split('.')[0].split(':') if colon else None
                if colon:
                    if not 2 <= len(parts) <= 3 or not all(_digits(p, 2) for p in parts):
                        raise bad
                else:
                    b0 = body.split('.')[0]
                    if len(b0) not in (4, 6) or not b0.isdigit():
                        raise bad
                    parts = [b0[x:x + 2] for x in range(0, len(b0), 2)]
                frac = body.split('.')[1] if '.' in body else ''
                hh, mm = int(parts[0]), int(parts[1])
                ss = int(parts[2]) if len(parts) > 2 else 0
                off = timedelta(hours=hh, minutes=mm, seconds=ss,
                                microseconds=int((frac + '000000')[:6]) if frac else 0)
                v['z'] = off if sign > 0 else -off
                i = j
            elif c == 'Z':
                j = i
                while j < n and (s[j].isalpha()):
                    j += 1
                name = s[i:j]
                if name.upper() not in ('UTC', 'GMT'):
                    raise bad
                i = j
            elif c == '%':
                if s[i:i + 1] != '%':
                    raise bad
                i += 1
            else:
                raise ValueError("'%s' is a bad directive in format '%s'" % (c, '%' + c))
        elif c in ' \t\n\r\f\v':
            k += 1
            while k < nf and fmt[k] in ' \t\n\r\f\v':
                k += 1
            if i >= n or s[i] not in ' \t\n\r\f\v':
                raise bad
            while i < n and s[i] in ' \t\n\r\f\v':
                i += 1
        else:
            if i >= n or s[i].lower() != c.lower():
                raise bad
            i += 1
            k += 1
    if i < n:
        raise ValueError('unconverted data remains: %s' % s[i:])
    year = v.get('Y')
    if year is None:
        y = v.get('y')
        year = 1900 if y is None else (2000 + y if y < 69 else 1900 + y)
    month = v.get('m', 1)
    day = v.get('d', v.get('e', 1))
    hour = v.get('H', 0)
    if 'I' in v:
        hour = v['I'] % 12
        if v.get('p') == 'PM':
            hour += 12
    if 'j' in v and 'm' not in v and 'd' not in v:
        y2, month, day = _ord2ymd(_ymd2ord(year, 1, 1) + v['j'] - 1)
    tz = None
    if 'z' in v:
        tz = timezone.utc if not v['z'] else timezone(v['z'])
    return cls(year, month, day, hour, v.get('M', 0), v.get('S', 0), v.get('f', 0), tz)
