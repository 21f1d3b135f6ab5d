# zoneinfo: offsets, names and DST from the embedded tz data, conversions,
# skipped and repeated hours (fold), POSIX rules past the last transition.
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

meeting = datetime(2024, 3, 8, 15, 30, tzinfo=ZoneInfo('America/New_York'))
for key in ['UTC', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney',
            'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Africa/Casablanca', 'Europe/Dublin']:
    local = meeting.astimezone(ZoneInfo(key))
    print('%-20s' % key, local.isoformat(), local.tzname(), local.utcoffset(), local.dst())
ny = ZoneInfo('America/New_York')
print(repr(ny), str(ny), ny.key, ZoneInfo('America/New_York') is ny, ZoneInfo.no_cache('America/New_York') is ny)
# the spring-forward gap and the fall-back repeat, both folds
for dt in [datetime(2024, 3, 10, 1, 59), datetime(2024, 3, 10, 2, 30), datetime(2024, 3, 10, 3, 0),
           datetime(2024, 11, 3, 0, 59), datetime(2024, 11, 3, 1, 30), datetime(2024, 11, 3, 2, 0)]:
    for fold in (0, 1):
        d = dt.replace(tzinfo=ny, fold=fold)
        print(d.isoformat(), fold, d.utcoffset(), d.tzname(), d.astimezone(timezone.utc).isoformat())
# from UTC across the repeated hour: the second pass has fold=1
for minutes in range(0, 180, 30):
    u = datetime(2024, 11, 3, 5, 0, tzinfo=timezone.utc) + timedelta(minutes=minutes)
    loc = u.astimezone(ny)
    print(u.isoformat(), loc.isoformat(), loc.fold, loc.tzname())
# far future (POSIX rule) and far past (before the first transition)
for year in [1850, 1900, 1950, 2037, 2040, 2100]:
    for key in ['Europe/Berlin', 'Australia/Sydney', 'America/Sao_Paulo']:
        z = ZoneInfo(key)
        print(year, key, datetime(year, 1, 15, 12, tzinfo=z).utcoffset(), datetime(year, 7, 15, 12, tzinfo=z).tzname())
print(datetime(2024, 6, 1, tzinfo=ZoneInfo('Europe/Berlin')) - datetime(2024, 1, 1, tzinfo=ZoneInfo('Europe/Berlin')))
print(datetime(2024, 7, 1, 12, tzinfo=ZoneInfo('Etc/GMT+5')).isoformat(), ZoneInfo('Etc/GMT-3').tzname(None))
for bad in ['Mars/Olympus', '../etc/passwd', '/etc/passwd', 'Europe/', '']:
    try:
        ZoneInfo(bad)
    except ZoneInfoNotFoundError as e:
        print('ZoneInfoNotFoundError', isinstance(e, KeyError))
    except ValueError as e:
        print('ValueError')
zones = available_timezones()
print(len(zones) > 400, 'Europe/Paris' in zones, 'America/Argentina/Buenos_Aires' in zones, 'posixrules' in zones)
