# zoneinfo for mpbox, written from the CPython 3.11 documentation, RFC 8536
# (the TZif format) and POSIX's TZ variable: ZoneInfo reads the zone files
# of Debian's tzdata, embedded into the library at build time
# (/usr/lib/mpbox/tzdata), and answers utcoffset/dst/tzname/fromutc with
# PEP 495's fold for repeated and skipped local times; past the last
# transition of a file, its POSIX TZ rule gives the offsets.
import struct
from datetime import tzinfo, timedelta, datetime
from warnings import RuntimeWarning

__all__ = ['ZoneInfo', 'reset_tzpath', 'available_timezones', 'TZPATH', 'ZoneInfoNotFoundError',
           'InvalidTZPathWarning']

TZPATH = ('/usr/lib/mpbox/tzdata',)
_EPOCH = datetime(1970, 1, 1)


class ZoneInfoNotFoundError(KeyError):
    """No time zone file was found for the key."""


class InvalidTZPathWarning(RuntimeWarning):
    pass


def reset_tzpath(to=None):
    global TZPATH
    if to is not None:
        if isinstance(to, (str, bytes)):
            raise TypeError('tzpaths must be a list or tuple, not %s: %r' % (type(to).__name__, to))
        TZPATH = tuple(to)


def _check_key(key):
    # keys are normalized relative paths below the data directory
    if not isinstance(key, str):
        raise TypeError('key must be a str, not %s' % type(key).__name__)
    if key.startswith('/'):
        raise ValueError('ZoneInfo keys may not be absolute paths, got: %s' % key)
    parts = key.split('/')
    if '' in parts or '.' in parts or '..' in parts:
        raise ValueError('ZoneInfo keys must be normalized relative paths, got: %s' % key)


def _open_key(key):
    _check_key(key)
    for base in TZPATH:
        try:
            with open(base + '/' + key, 'rb') as f:
                return f.read()
        except OSError:
            pass
    raise ZoneInfoNotFoundError('No time zone found with key %s' % key)


def available_timezones():
    import os
    zones = set()

    def walk(base, rel):
        for entry in os.ilistdir(base + ('/' + rel if rel else '')):
            name, kind = entry[0], entry[1]
            sub = rel + '/' + name if rel else name
            if kind == 0x4000:
                walk(base, sub)
            elif name[:1].isupper() or '/' in sub:
                zones.add(sub)
    for base in TZPATH:
        try:
            walk(base, '')
        except OSError:
            pass
    zones.discard('Factory')
    return zones


# ---- TZif -----------------------------------------------------------------

class _TTInfo:
    __slots__ = ('utcoff', 'dstoff', 'tzname', 'isdst')

    def __init__(self, utcoff, dstoff, tzname, isdst):
        self.utcoff = utcoff    # seconds east of UTC
        self.dstoff = dstoff    # seconds of daylight saving in utcoff
        self.tzname = tzname
        self.isdst = isdst


def _parse_tzif(data):
    """(transition times in UTC seconds, the type index after each, the
    types as (utcoff, isdst, abbreviation), the POSIX TZ string or None)."""
    if data[:4] != b'TZif':
        raise ValueError('Invalid TZif file: magic not found')
    version = data[4]

    def block(start, time_size):
        isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack('>6l', data[start + 20:start + 44])
        p = start + 44
        fmt = '>%d%s' % (timecnt, 'q' if time_size == 8 else 'l')
        times = list(struct.unpack(fmt, data[p:p + timecnt * time_size]))
        p += timecnt * time_size
        idx = list(data[p:p + timecnt])
        p += timecnt
        types = []
        for _ in range(typecnt):
            utcoff, isdst, abbrind = struct.unpack('>lBB', data[p:p + 6])
            types.append((utcoff, isdst, abbrind))
            p += 6
        chars = data[p:p + charcnt]
        p += charcnt + leapcnt * (time_size + 4) + isstdcnt + isutcnt
        out = []
        for utcoff, isdst, abbrind in types:
            end = chars.find(b'\x00', abbrind)
            out.append((utcoff, isdst, chars[abbrind:end if end >= 0 else len(chars)].decode()))
        return times, idx, out, p

    times, idx, types, end = block(0, 4)
    tz_str = None
    if version >= ord('2'):
        times, idx, types, end = block(end, 8)
        footer = data[end:]
        if footer[:1] == b'\n':
            nl = footer.find(b'\n', 1)
            if nl > 0:
                tz_str = footer[1:nl].decode() or None
    return times, idx, types, tz_str


def _dst_offsets(idx, types):
    """The daylight-saving part of each type's offset: the difference from
    the nearest standard-time type in the transition sequence."""
    n = len(types)
    dstoffs = [None] * n
    for k in range(n):
        if not types[k][1]:
            dstoffs[k] = 0
    for pos, t in enumerate(idx):
        if dstoffs[t] is not None:
            continue
        std = None
        if pos > 0 and not types[idx[pos - 1]][1]:
            std = types[idx[pos - 1]][0]
        elif pos + 1 < len(idx) and not types[idx[pos + 1]][1]:
            std = types[idx[pos + 1]][0]
        if std is not None and types[t][0] != std:
            dstoffs[t] = types[t][0] - std
    return [d if d is not None else 3600 for d in dstoffs]


# ---- POSIX TZ rules -----------------------------------------------------

def _parse_abbr(s, i):
    if s[i:i + 1] == '<':
        j = s.index('>', i)
        return s[i + 1:j], j + 1
    j = i
    while j < len(s) and s[j].isalpha():
        j += 1
    return s[i:j], j


def _parse_hms(s, i):
    # [+|-]hh[:mm[:ss]] -> seconds, next index
    sign = 1
    if s[i:i + 1] in ('+', '-'):
        sign = -1 if s[i] == '-' else 1
        i += 1
    parts = [0, 0, 0]
    k = 0
    while k < 3:
        j = i
        while j < len(s) and s[j].isdigit():
            j += 1
        if j == i:
            break
        parts[k] = int(s[i:j])
        i = j
        k += 1
        if s[i:i + 1] == ':':
            i += 1
        else:
            break
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]), i


def _parse_date_rule(s):
    # "Mm.w.d[/time]", "Jn[/time]" or "n[/time]" -> (kind, a, b, c, seconds)
    when = 7200
    if '/' in s:
        s, t = s.split('/', 1)
        when = _parse_hms(t, 0)[0]
    if s.startswith('M'):
        m, w, d = s[1:].split('.')
        return ('M', int(m), int(w), int(d), when)
    if s.startswith('J'):
        return ('J', int(s[1:]), 0, 0, when)
    return ('N', int(s), 0, 0, when)


def _days_before_month(year, month):
    days = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][month - 1]
    if month > 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        days += 1
    return days


def _days_in_month(year, month):
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def _rule_local_seconds(rule, year):
    """Seconds from 1970-01-01 00:00 (as local wall time) to the rule's
    moment in the given year."""
    kind, a, b, c, when = rule
    jan1 = (datetime(year, 1, 1) - _EPOCH).days
    if kind == 'J':
        day = a - 1
        if a > 59 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            day += 1  # Jn never counts February 29
        days = jan1 + day
    elif kind == 'N':
        days = jan1 + a
    else:
        month, week, wday = a, b, c
        first = jan1 + _days_before_month(year, month)
        first_wday = (first + 4) % 7  # 1970-01-01 was a Thursday (Sunday = 0)
        day = (wday - first_wday) % 7 + (week - 1) * 7
        if week == 5:
            while day >= _days_in_month(year, month):
                day -= 7
        days = first + day
    return days * 86400 + when


class _PosixRule:
    def __init__(self, s):
        self.std_abbr, i = _parse_abbr(s, 0)
        off, i = _parse_hms(s, i)
        self.std_off = -off
        self.dst_abbr = None
        if i < len(s) and s[i] != ',':
            self.dst_abbr, i = _parse_abbr(s, i)
            if i < len(s) and s[i] != ',':
                off, i = _parse_hms(s, i)
                self.dst_off = -off
            else:
                self.dst_off = self.std_off + 3600
            if i < len(s) and s[i] == ',':
                start, end = s[i + 1:].split(',')
            else:
                start, end = 'M3.2.0', 'M11.1.0'
            self.start = _parse_date_rule(start)
            self.end = _parse_date_rule(end)

    def _transitions(self, year):
        # (UTC start of DST, UTC end of DST) of the year
        start = _rule_local_seconds(self.start, year) - self.std_off
        end = _rule_local_seconds(self.end, year) - self.dst_off
        return start, end

    def _is_dst_utc(self, ts):
        year = (_EPOCH + timedelta(seconds=ts)).year
        start, end = self._transitions(year)
        if start < end:
            return start <= ts < end
        return not (end <= ts < start)

    def info_utc(self, ts):
        if self.dst_abbr is None or not self._is_dst_utc(ts):
            return (self.std_off, 0, self.std_abbr)
        return (self.dst_off, self.dst_off - self.std_off, self.dst_abbr)

    def fold_utc(self, ts):
        # 1 when ts falls in the second pass over a repeated local hour
        if self.dst_abbr is None:
            return 0
        year = (_EPOCH + timedelta(seconds=ts)).year
        start, end = self._transitions(year)
        gap = self.dst_off - self.std_off
        if gap > 0:
            return 1 if end <= ts < end + gap else 0
        return 1 if start <= ts < start - gap else 0

    def info_local(self, ts, fold):
        # ts: local wall seconds; fold picks the side of a gap or a repeat
        if self.dst_abbr is None:
            return (self.std_off, 0, self.std_abbr)
        year = (_EPOCH + timedelta(seconds=ts)).year
        start, end = self._transitions(year)
        # a transition's local moment: with the larger offset for fold 0
        # (a skipped hour counts as before it, a repeated one's first pass),
        # with the smaller for fold 1
        shift = max(self.std_off, self.dst_off) if fold == 0 else min(self.std_off, self.dst_off)
        start_local = start + shift
        end_local = end + shift
        if start_local < end_local:
            dst = start_local <= ts < end_local
        else:
            dst = not (end_local <= ts < start_local)
        if dst:
            return (self.dst_off, self.dst_off - self.std_off, self.dst_abbr)
        return (self.std_off, 0, self.std_abbr)


# ---- ZoneInfo -----------------------------------------------------------

_cache = {}


def _local_seconds(dt):
    return ((dt.toordinal() - 719163) * 86400 + dt.hour * 3600 + dt.minute * 60 + dt.second)


class ZoneInfo(tzinfo):
    def __new__(cls, key):
        zone = _cache.get(key)
        if zone is None:
            zone = cls._new_instance(key)
            _cache[key] = zone
        return zone

    def __init__(self, key=None):
        pass  # everything happens in __new__ (instances are cached)

    @classmethod
    def no_cache(cls, key):
        return cls._new_instance(key)

    @classmethod
    def _new_instance(cls, key):
        zone = object.__new__(cls)
        zone._key = key
        zone._load(_open_key(key))
        return zone

    @classmethod
    def from_file(cls, fobj, key=None):
        zone = object.__new__(cls)
        zone._key = key
        zone._load(fobj.read())
        return zone

    @classmethod
    def clear_cache(cls, *, only_keys=None):
        if only_keys is None:
            _cache.clear()
        else:
            for k in only_keys:
                _cache.pop(k, None)

    @property
    def key(self):
        return self._key

    def _load(self, data):
        times, idx, types, tz_str = _parse_tzif(data)
        dstoffs = _dst_offsets(idx, types)
        self._ttis = [_TTInfo(u, dstoffs[k], name, isdst) for k, (u, isdst, name) in enumerate(types)]
        self._trans_utc = times
        self._trans_tti = [self._ttis[k] for k in idx]
        before = None
        for t in self._ttis:
            if not t.isdst:
                before = t
                break
        self._tti_before = before or (self._ttis[0] if self._ttis else _TTInfo(0, 0, 'UTC', 0))
        # wall-clock moments of each transition, for fold 0 and fold 1
        wall0, wall1 = [], []
        prev = self._tti_before
        for ts, tti in zip(times, self._trans_tti):
            a, b = ts + prev.utcoff, ts + tti.utcoff
            wall0.append(max(a, b))
            wall1.append(min(a, b))
            prev = tti
        self._trans_local = (wall0, wall1)
        self._rule = _PosixRule(tz_str) if tz_str else None

    def __repr__(self):
        if self._key is not None:
            return 'zoneinfo.ZoneInfo(key=%r)' % (self._key,)
        return '%s.from_file(None)' % type(self).__name__

    def __str__(self):
        return self._key if self._key is not None else repr(self)

    # the tzinfo protocol

    def _info(self, dt):
        # (utcoff, dstoff, name) for a local (naive) datetime; for None,
        # the zone's only offset when it has just one
        if dt is None:
            if self._trans_utc:
                return None
            if self._rule is not None:
                r = self._rule
                return None if r.dst_abbr is not None else (r.std_off, 0, r.std_abbr)
            t = self._tti_before
            return (t.utcoff, t.dstoff, t.tzname)
        ts = _local_seconds(dt)
        fold = dt.fold
        trans = self._trans_local[fold]
        if not trans or ts < trans[0]:
            t = self._tti_before
            return (t.utcoff, t.dstoff, t.tzname)
        if ts >= trans[-1] and self._rule is not None:
            return self._rule.info_local(ts, fold)
        i = _bisect_right(trans, ts)
        t = self._trans_tti[i - 1]
        return (t.utcoff, t.dstoff, t.tzname)

    def utcoffset(self, dt):
        info = self._info(dt)
        return None if info is None else timedelta(seconds=info[0])

    def dst(self, dt):
        info = self._info(dt)
        return None if info is None else timedelta(seconds=info[1])

    def tzname(self, dt):
        info = self._info(dt)
        return None if info is None else info[2]

    def fromutc(self, dt):
        if not isinstance(dt, datetime):
            raise TypeError('fromutc() requires a datetime argument')
        if dt.tzinfo is not self:
            raise ValueError('dt.tzinfo is not self')
        ts = _local_seconds(dt)
        trans = self._trans_utc
        fold = 0
        if not trans or ts < trans[0]:
            off = self._tti_before.utcoff
        elif ts >= trans[-1] and self._rule is not None:
            off = self._rule.info_utc(ts)[0]
            fold = self._rule.fold_utc(ts)
            # the last transition of the file may itself repeat an hour
            prev = self._trans_tti[-2] if len(self._trans_tti) > 1 else self._tti_before
            shift = prev.utcoff - self._trans_tti[-1].utcoff
            if shift > 0 and ts < trans[-1] + shift:
                fold = 1
        else:
            i = _bisect_right(trans, ts)
            tti = self._trans_tti[i - 1]
            off = tti.utcoff
            prev = self._trans_tti[i - 2] if i >= 2 else self._tti_before
            shift = prev.utcoff - tti.utcoff
            if shift > 0 and ts < trans[i - 1] + shift:
                fold = 1
        out = dt + timedelta(seconds=off)
        if fold:
            out = out.replace(fold=1)
        return out


def _bisect_right(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo

