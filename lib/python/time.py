# time for mpbox: MicroPython's time (ticks_*, sleep_ms, ...) plus what
# CPython programs use: perf_counter, monotonic, process_time and their
# _ns forms, struct_time from localtime()/gmtime(), mktime, asctime, ctime,
# strftime and strptime with CPython's directives, and the time zone
# constants. The sandbox's time zone is UTC.
#
# The clocks are the host's (js.mpbox_internal('clock', ...),
# core/internal.c): nanoseconds of CLOCK_MONOTONIC, CLOCK_REALTIME and the
# run's thread CPU time; under --deterministic they all read the virtual
# clock, as time.time() does. Written for mpbox.
from _builtin import NamedFields, builtin_module

_c = builtin_module('time')
for _name in dir(_c):
    if not _name.startswith('__'):
        globals()[_name] = getattr(_c, _name)
del _name

timezone = 0
altzone = 0
daylight = 0
tzname = ('UTC', 'UTC')

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')


def _clock(which):
    import js
    answer = js.mpbox_internal('clock', which)
    if not answer.startswith('['):
        raise OSError('the host has no %s clock' % which)
    return int(answer[1:-1])


def monotonic_ns():
    return _clock('monotonic')


def monotonic():
    return _clock('monotonic') / 1e9


perf_counter_ns = monotonic_ns
perf_counter = monotonic


def ticks_us():
    # The guest's own is ticks_ms() * 1000 (the webassembly port's), so two
    # readings a few microseconds apart could differ by 1000. Microseconds
    # of the monotonic clock instead, wrapping as the guest's ticks do
    # (ticks_diff and ticks_add work modulo 2**30).
    return _clock('monotonic') // 1000 & 0x3FFFFFFF


def process_time_ns():
    return _clock('process')


def process_time():
    return _clock('process') / 1e9


thread_time_ns = process_time_ns
thread_time = process_time


class struct_time(NamedFields):
    """A time tuple with named fields, as time.localtime() returns. Built
    from a 9-sequence (the guest's tuple subclasses take their items from
    the built-in constructor); tm_zone is 'UTC' ('GMT' from gmtime()),
    tm_gmtoff 0."""

    _names = _FIELDS
    _title = 'time.struct_time'
    n_fields = 11
    n_sequence_fields = 9
    n_unnamed_fields = 0

    def __init__(self, seq):
        super().__init__(seq)  # the guest builds the tuple part here
        if len(self) != 9:
            raise TypeError('time.struct_time() takes a 9-sequence (%d-sequence given)' % len(self))

    def _missing(self, name):
        if name == 'tm_zone':
            return 'UTC'  # gmtime() sets its own: 'GMT'
        if name == 'tm_gmtoff':
            return 0
        return NamedFields._missing(self, name)


def _tuple(secs):
    if secs is None:
        return _c.gmtime()
    if isinstance(secs, float):
        if secs != secs or secs in (float('inf'), float('-inf')):
            raise ValueError('Invalid value %s' % secs)
        secs = int(secs // 1)
    elif not isinstance(secs, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(secs).__name__)
    return _c.gmtime(secs)


def localtime(secs=None):
    t = _tuple(secs)
    return struct_time(tuple(t[:8]) + (0,))


def gmtime(secs=None):
    t = localtime(secs)
    t.tm_zone = 'GMT'
    return t


def _fields(t, caller):
    # a struct_time or a 9-tuple, as CPython accepts them
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError('%s(): illegal time tuple argument' % caller)
    return tuple(t)


def mktime(t):
    t = _fields(t, 'mktime')
    return float(_c.mktime(tuple(t[:8])))



def _datetime(t, caller):
    import datetime
    t = _fields(t, caller)
    if not 1 <= t[1] <= 12:
        raise ValueError('month out of range')
    if not 1 <= t[2] <= 31:
        raise ValueError('day of month out of range')
    return datetime.datetime(t[0], t[1], t[2], t[3], t[4], min(t[5], 59))


def strftime(format, t=None):
    import datetime
    d = _datetime(localtime() if t is None else t, 'strftime')
    return datetime._strftime(d, format.replace('%Z', 'UTC').replace('%z', '+0000'))


def strptime(string, format='%a %b %d %H:%M:%S %Y'):
    import datetime
    d = datetime.datetime.strptime(string, format)
    return struct_time(d.timetuple())


def asctime(t=None):
    import datetime
    return datetime._strftime(_datetime(localtime() if t is None else t, 'asctime'), '%a %b %e %H:%M:%S %Y')


def ctime(secs=None):
    return asctime(localtime(secs))


def time_ns():
    return _clock('realtime')


def time():
    return _clock('realtime') / 1e9
