# calendar: output must be identical under CPython 3.11 and mpbox.
import calendar

print([calendar.isleap(y) for y in (1900, 2000, 2023, 2024, 2100, 2400)])
print(calendar.leapdays(1900, 2024), calendar.leapdays(2000, 2001), calendar.leapdays(2024, 2000))
for y, m, d in [(2024, 1, 1), (2024, 2, 29), (1970, 1, 1), (2000, 12, 31), (1, 1, 1), (9999, 12, 31),
                (10000, 1, 1), (0, 6, 15), (-5, 3, 3)]:
    print(y, m, d, calendar.weekday(y, m, d))
for y, m in [(2024, 2), (2023, 2), (1900, 2), (2024, 12), (2025, 6)]:
    print(y, m, calendar.monthrange(y, m))
print(calendar.monthcalendar(2024, 2))
print(calendar.monthcalendar(2021, 2))
print(list(calendar.month_name), list(calendar.month_abbr))
print(list(calendar.day_name), list(calendar.day_abbr))
print(calendar.month_name[3], calendar.day_abbr[6], len(calendar.month_name), len(calendar.day_name))
print(calendar.month_name[1:4], calendar.day_name[-1], 'May' in calendar.month_name)
print(calendar.MONDAY, calendar.SUNDAY, calendar.firstweekday())
print(calendar.month(2024, 2))
print(calendar.month(2024, 9, 3, 2))
calendar.prmonth(2025, 11)
calendar.prmonth(2023, 1, w=4)
print(calendar.calendar(2024))
print(calendar.calendar(2023, 3, 1, 4, 4))
print(calendar.weekheader(2), '|', calendar.weekheader(3), '|', calendar.weekheader(9))
print(calendar.week([(1, 0), (2, 1), (0, 2)], 3) + '|')
calendar.setfirstweekday(calendar.SUNDAY)
print(calendar.firstweekday(), calendar.monthcalendar(2024, 3))
print(calendar.month(2024, 3))
calendar.setfirstweekday(0)
for t in [(1970, 1, 1, 0, 0, 0), (2024, 2, 29, 12, 30, 15), (2000, 1, 1, 0, 0, 0, 5, 1, 0),
          (1969, 12, 31, 23, 59, 59), (2038, 1, 19, 3, 14, 8)]:
    print(t, calendar.timegm(t))

tc = calendar.TextCalendar(calendar.WEDNESDAY)
print(tc.formatmonth(2024, 7))
print(tc.formatyear(2024, 2, 1, 2, 6))
print(list(tc.iterweekdays()), tc.getfirstweekday(), tc.firstweekday)
cal = calendar.Calendar()
print(list(cal.itermonthdays(2024, 4)))
print(list(cal.itermonthdays2(2024, 4))[:9])
print(list(cal.itermonthdays3(2024, 4))[:3], list(cal.itermonthdays3(2024, 4))[-3:])
print(list(cal.itermonthdays4(2024, 1))[:2])
print(cal.monthdays2calendar(2024, 6)[0])
print(len(cal.yeardayscalendar(2024)), len(cal.yeardayscalendar(2024, 4)), cal.yeardayscalendar(2024, 4)[0][0][0])
print([str(d) for d in cal.monthdatescalendar(2024, 5)[0]])
cal.setfirstweekday(6)
print(cal.monthdayscalendar(2024, 5))
print(calendar.TextCalendar(6).formatmonthname(2024, 5, 20), '|')
print(calendar.TextCalendar().formatweekday(0, 5) + '|', calendar.TextCalendar().formatday(7, 0, 4) + '|')

for bad in [lambda: calendar.monthrange(2024, 13), lambda: calendar.monthrange(2024, 0),
            lambda: calendar.setfirstweekday(7), lambda: calendar.weekday(2023, 2, 29),
            lambda: calendar.weekday(2023, 13, 1), lambda: calendar.month(2024, 13)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, isinstance(e, calendar.error), e if isinstance(e, ValueError) else '')
