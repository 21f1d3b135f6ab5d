# datetime: arithmetic, formatting and parsing; output must be identical under CPython and mpbox.
# (The clock is not printed: only its type and plausibility.)
import datetime as dt
from datetime import date, time, datetime, timedelta, timezone


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, 'raises', type(e).__name__)
        return
    print(label, repr(r))


# timedelta
show('td repr', lambda: [timedelta(), timedelta(1), timedelta(days=-1, seconds=5), timedelta(hours=25, microseconds=3),
                         timedelta(weeks=1, minutes=1, milliseconds=1), timedelta(seconds=-1)])
show('td str', lambda: [str(x) for x in (timedelta(), timedelta(days=-1, seconds=5), timedelta(hours=25, microseconds=3),
                                         timedelta(days=2), timedelta(days=-2, hours=3), timedelta(seconds=-1))])
show('td floats', lambda: [timedelta(hours=1.5), timedelta(seconds=-1.5), timedelta(days=0.1), timedelta(microseconds=0.5),
                           timedelta(microseconds=1.5), timedelta(milliseconds=-0.0015), timedelta(microseconds=2.5),
                           timedelta(seconds=1, microseconds=-0.5), timedelta(microseconds=-2.5)])
show('td attrs', lambda: (timedelta(days=1, hours=2, seconds=3, microseconds=4).days, timedelta(hours=-1).seconds,
                          timedelta(hours=-1).days, timedelta(microseconds=-1).microseconds))
show('td total', lambda: (timedelta(days=1).total_seconds(), timedelta(seconds=90, microseconds=500).total_seconds()))
a = timedelta(hours=5)
b = timedelta(minutes=45)
show('td ops', lambda: (a + b, a - b, -a, +a, abs(-a), a * 2, 3 * b, a * 0.5, a / b, a / 4, a // b, a // 7, a % b,
                        divmod(a, b), a / 3.0))
show('td cmp', lambda: (a > b, a == timedelta(minutes=300), a != b, a <= b, sorted([a, b, timedelta(0)]),
                        bool(timedelta(0)), bool(b), hash(a) == hash(timedelta(seconds=18000))))
show('td min max', lambda: (timedelta.min, timedelta.max, timedelta.resolution, str(timedelta.max)))
show('td overflow', lambda: timedelta(days=10 ** 9))
show('td type', lambda: timedelta(days='1'))

# date
d = date(2024, 2, 29)
show('date', lambda: (d, str(d), d.isoformat(), d.year, d.month, d.day))
show('date ops', lambda: (d + timedelta(days=1), d - timedelta(days=366), d - date(2023, 1, 1), timedelta(1) + d))
show('date cmp', lambda: (d > date(2024, 1, 1), d == date(2024, 2, 29), sorted([d, date(2000, 1, 1), date(2030, 5, 5)]),
                          max(d, date(2025, 1, 1)), hash(d) == hash(date(2024, 2, 29))))
show('weekday', lambda: [(x.weekday(), x.isoweekday()) for x in (d, date(2024, 3, 3), date(1, 1, 1))])
show('isocalendar', lambda: [tuple(date(y, m, dd).isocalendar()) for y, m, dd in
                             [(2024, 2, 29), (2021, 1, 1), (2020, 12, 31), (2018, 12, 31), (2026, 1, 1), (2015, 12, 31)]])
show('isocalendar attrs', lambda: (d.isocalendar().year, d.isocalendar().week, d.isocalendar().weekday, d.isocalendar()[1]))
show('isocalendar repr', lambda: repr(d.isocalendar()))
show('ordinal', lambda: (d.toordinal(), date.fromordinal(738945), date(1, 1, 1).toordinal(), date.fromordinal(3652059)))
show('replace', lambda: (d.replace(year=2023, day=28), d.replace(month=3)))
show('replace bad', lambda: d.replace(year=2023))
show('fromisoformat', lambda: (date.fromisoformat('2024-03-15'), date.fromisoformat('20240315'),
                               date.fromisoformat('2024-W10-5')))
show('fromisoformat bad', lambda: date.fromisoformat('2024-3-15'))
show('fromisocalendar', lambda: (date.fromisocalendar(2024, 1, 1), date.fromisocalendar(2020, 53, 7)))
show('fromtimestamp', lambda: (date.fromtimestamp(0), date.fromtimestamp(1700000000), date.fromtimestamp(-86400)))
show('min max', lambda: (date.min, date.max, date.resolution))
show('bad dates', lambda: [date(2023, 2, 29)])
for args in [(0, 1, 1), (2024, 13, 1), (2024, 4, 31), (10000, 1, 1)]:
    show('bad %r' % (args,), lambda: date(*args))
show('overflow', lambda: date.max + timedelta(1))
show('date vs datetime', lambda: date(2024, 1, 1) == datetime(2024, 1, 1))

# time
t = time(13, 5, 9, 250)
show('time', lambda: (t, time(), time(1, 2), time(1, 2, 3), str(t), t.isoformat(), time(7, 0).isoformat()))
show('time timespec', lambda: [t.isoformat(ts) for ts in ('hours', 'minutes', 'seconds', 'milliseconds', 'microseconds')])
show('time attrs', lambda: (t.hour, t.minute, t.second, t.microsecond, t.tzinfo, t.replace(hour=1)))
show('time cmp', lambda: (t > time(12), t == time(13, 5, 9, 250), min(t, time(1))))
show('time fromisoformat', lambda: (time.fromisoformat('04:23:01'), time.fromisoformat('04:23:01.000384'),
                                    time.fromisoformat('04:23'), time.fromisoformat('T0423'),
                                    time.fromisoformat('04:23:01+04:00')))
show('time tz', lambda: (time(1, 2, tzinfo=timezone.utc), str(time(1, 2, tzinfo=timezone(timedelta(hours=-3))))))
show('time bad', lambda: time(24))
show('time min max', lambda: (time.min, time.max, time.resolution))

# datetime
x = datetime(2024, 1, 2, 3, 4, 5, 678)
show('datetime', lambda: (x, datetime(2024, 1, 2), datetime(2024, 1, 2, 3, 4, 5), str(x), str(datetime(2024, 1, 2))))
show('isoformat', lambda: (x.isoformat(), x.isoformat(' '), x.isoformat(timespec='minutes'),
                           datetime(2024, 1, 2).isoformat(), x.isoformat(timespec='milliseconds')))
show('parts', lambda: (x.date(), x.time(), x.timetz(), x.year, x.hour, x.microsecond, x.tzinfo, x.fold))
show('dt ops', lambda: (x + timedelta(days=30, hours=23), x - timedelta(weeks=60), x - datetime(2023, 12, 31),
                        datetime(2024, 3, 1) - datetime(2024, 2, 1), datetime(2024, 1, 1) - x))
show('dt cmp', lambda: (x > datetime(2024, 1, 1), x == datetime(2024, 1, 2, 3, 4, 5, 678),
                        sorted([x, datetime(2020, 1, 1), datetime(2024, 1, 2)]), hash(x) == hash(x.replace())))
show('dt vs date', lambda: x < date(2025, 1, 1))
show('combine', lambda: (datetime.combine(date(2024, 5, 6), time(7, 8)),
                         datetime.combine(date(2024, 5, 6), time(7, 8), timezone.utc)))
show('replace', lambda: (x.replace(hour=0, microsecond=0), x.replace(tzinfo=timezone.utc)))
show('fromisoformat', lambda: [datetime.fromisoformat(s) for s in (
    '2024-01-02', '2024-01-02T03:04:05', '2024-01-02 03:04:05.123', '2024-01-02T03:04:05.123456+05:30',
    '2024-01-02T03:04:05Z', '2024-01-02T03:04:05-08:00', '2024-01-02T03', '2024-01-02T0304', '20240102T030405')])
show('fromisoformat bad', lambda: datetime.fromisoformat('2024-01-02T25:00'))
show('fromisoformat junk', lambda: datetime.fromisoformat('yesterday'))
show('min max', lambda: (datetime.min, datetime.max, datetime.resolution))
show('weekday', lambda: (x.weekday(), x.isoweekday(), tuple(x.isocalendar()), x.toordinal()))
show('timetuple', lambda: tuple(x.timetuple())[:8])

# time zones
utc = timezone.utc
ist = timezone(timedelta(hours=5, minutes=30))
est = timezone(timedelta(hours=-5), 'EST')
show('tz repr', lambda: (utc, ist, est, timezone(timedelta(0)), timezone(timedelta(seconds=90))))
show('tz str', lambda: (str(utc), str(ist), str(est), utc.tzname(None), ist.utcoffset(None), est.dst(None),
                        str(timezone(timedelta(hours=-3, minutes=-15)))))
show('tz eq', lambda: (timezone(timedelta(0)) == utc, ist == est, dt.UTC is utc if hasattr(dt, 'UTC') else True))
show('tz bad', lambda: timezone(timedelta(hours=24)))
a1 = datetime(2024, 6, 1, 12, 0, tzinfo=utc)
a2 = datetime(2024, 6, 1, 17, 30, tzinfo=ist)
show('aware', lambda: (a1, a2, str(a2), a2.isoformat(), a2.utcoffset(), a2.tzname(), a2.dst()))
show('aware eq', lambda: (a1 == a2, a1 - a2, a2 - a1, a1 < a2, hash(a1) == hash(a2)))
show('astimezone', lambda: (a2.astimezone(utc), a1.astimezone(est), a1.astimezone(ist) == a1))
show('naive vs aware eq', lambda: datetime(2024, 6, 1, 12) == a1)
show('naive vs aware lt', lambda: datetime(2024, 6, 1, 12) < a1)
show('naive minus aware', lambda: datetime(2024, 6, 1, 12) - a1)
show('timestamp', lambda: (a1.timestamp(), a2.timestamp(), datetime(1970, 1, 2, tzinfo=utc).timestamp(),
                           datetime(2000, 1, 1, 0, 0, 0, 500000, tzinfo=est).timestamp()))
show('fromtimestamp tz', lambda: (datetime.fromtimestamp(0, utc), datetime.fromtimestamp(1717243200.5, ist),
                                  datetime.fromtimestamp(86400 * 365, tz=est)))
show('now tz', lambda: (type(datetime.now(utc)).__name__, datetime.now(utc).tzinfo, datetime.now(utc).year >= 2024,
                        type(datetime.now()).__name__, type(date.today()).__name__, date.today().year >= 2024,
                        abs(datetime.now(utc) - datetime.fromtimestamp(datetime.now(utc).timestamp(), utc)) < timedelta(1)))

# strftime
show('strftime', lambda: x.strftime('%Y-%m-%d %H:%M:%S.%f | %y %b %B %a %A %j %p %I %% %w %U %W'))
show('strftime pm', lambda: datetime(2024, 7, 4, 15, 9).strftime('%I:%M %p on %A, %B %d, %Y'))
show('strftime midnight', lambda: datetime(2024, 7, 4, 0, 9).strftime('%I %p %H'))
show('strftime tz', lambda: (a2.strftime('%z %Z'), a1.strftime('%z|%Z'), x.strftime('[%z][%Z]'), est.tzname(None)))
show('strftime date', lambda: d.strftime('%d/%m/%Y %H:%M %a %j %G-W%V-%u'))
show('strftime time', lambda: t.strftime('%H.%M.%S %f'))
show('strftime cxX', lambda: (x.strftime('%c'), x.strftime('%x'), x.strftime('%X'), x.ctime(), d.ctime()))
# (MicroPython's format() and f-strings do not call __format__ with a spec: '{:%Y}'.format(d) fails there)
show('format', lambda: (d.__format__('%Y/%m/%d'), x.__format__('%H:%M'), x.__format__(''), '{}'.format(x), f'{d}'))

# strptime
for s, f in [('2024-01-02', '%Y-%m-%d'), ('2024-01-02 03:04:05', '%Y-%m-%d %H:%M:%S'),
             ('02/01/24 3:04 PM', '%d/%m/%y %I:%M %p'), ('12:30 am', '%I:%M %p'), ('Jan 5 2023', '%b %d %Y'),
             ('Tuesday, March 5, 2024', '%A, %B %d, %Y'), ('2024-01-02T03:04:05.123', '%Y-%m-%dT%H:%M:%S.%f'),
             ('2024-01-02 03:04:05 +0530', '%Y-%m-%d %H:%M:%S %z'), ('2024-01-02T03:04:05Z', '%Y-%m-%dT%H:%M:%S%z'),
             ('2024-01-02 03:04 -05:00', '%Y-%m-%d %H:%M %z'), ('2024 060', '%Y %j'), ('99', '%y'), ('68', '%y'),
             ('100%', '%d%%'), ('2024-01-02 UTC', '%Y-%m-%d %Z'), ('  2024', ' %Y'), ('sep 9 2024', '%b %d %Y'),
             ('2024-1-2', '%Y-%m-%d'), ('20240102', '%Y%m%d'),
             ('2024-13-01', '%Y-%m-%d'), ('2023-02-30', '%Y-%m-%d'), ('2024-01-02 extra', '%Y-%m-%d'),
             ('2024/01/02', '%Y-%m-%d'), ('24-01-02', '%Y-%m-%d'), ('', '%Y')]:
    try:
        r = datetime.strptime(s, f)
        print('strptime', repr(s), repr(f), repr(r))
    except ValueError as e:
        print('strptime', repr(s), repr(f), 'ValueError', e)
