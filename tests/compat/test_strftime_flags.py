# strftime with glibc's flags, as CPython on Linux passes them on: %-d (no
# padding), %_d (spaces), %^a (upper case), %#b / %#p; date, datetime, format
# specs and time.strftime. Output must be identical under python3 and mpbox.
import datetime
for d in [datetime.datetime(2024, 1, 5, 9, 3, 7), datetime.datetime(2024, 11, 23, 0, 0, 0), datetime.datetime(2024, 12, 31, 23, 59, 59)]:
    print(d.strftime('%-d %-m %-H %-I %-M %-S %-j %-y | %_d %_m %_H %_j | %^a %^B %^p | %#b | %-d/%-m/%Y %-I:%M%p'))
print(datetime.date(2024, 3, 4).strftime('%A, %B %-d, %Y'), f"{datetime.date(2024, 3, 4):%b %-d}")
import time
print(time.strftime('%-d %-m %Y', (2024, 2, 9, 0, 0, 0, 0, 40, 0)))
print(datetime.datetime(2024, 1, 1, 13).strftime('%#p %#Z|%-p|%-a|%_a'))
