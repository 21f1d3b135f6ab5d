from datetime import datetime, timedelta
from enum import Enum
import math


class Size(Enum):
    MOTORCYCLE = 1
    CAR = 2
    VAN = 3


RATES = {Size.MOTORCYCLE: 1.5, Size.CAR: 3.0, Size.VAN: 4.5}


class ParkingFull(Exception):
    pass


class Lot:
    def __init__(self, spots):
        self.spots = {i: (size, None) for i, size in enumerate(spots, 1)}
        self.tickets = {}
        self._next = 1

    def park(self, plate, size, when):
        for num, (spot_size, occupant) in self.spots.items():
            if occupant is None and spot_size.value >= size.value:
                self.spots[num] = (spot_size, plate)
                ticket = self._next
                self._next += 1
                self.tickets[ticket] = (plate, size, num, when)
                return ticket
        raise ParkingFull(f"no spot for {size.name.lower()} {plate}")

    def leave(self, ticket, when):
        plate, size, num, start = self.tickets.pop(ticket)
        self.spots[num] = (self.spots[num][0], None)
        hours = math.ceil((when - start) / timedelta(hours=1))
        fee = min(hours * RATES[size], 25.0)
        return plate, hours, fee

    def status(self):
        return " ".join(f"{n}:{s.name[0]}{'*' if o else '.'}" for n, (s, o) in self.spots.items())


lot = Lot([Size.MOTORCYCLE, Size.CAR, Size.CAR, Size.VAN])
t0 = datetime(2024, 8, 1, 8, 0)
tickets = {}
for i, (plate, size) in enumerate([("M-1", Size.MOTORCYCLE), ("C-1", Size.CAR), ("V-1", Size.VAN),
                                    ("C-2", Size.CAR), ("C-3", Size.CAR)]):
    try:
        tickets[plate] = lot.park(plate, size, t0 + timedelta(minutes=10 * i))
        print(f"{plate} -> ticket {tickets[plate]}   {lot.status()}")
    except ParkingFull as e:
        print("full:", e)
for plate, mins in [("C-1", 95), ("V-1", 600), ("M-1", 30)]:
    p, hours, fee = lot.leave(tickets[plate], t0 + timedelta(minutes=mins + 20))
    print(f"{p} leaves after {hours}h, pays ${fee:.2f}   {lot.status()}")
print(lot.park("C-3", Size.CAR, t0), lot.status())
print(timedelta(hours=2, minutes=5) / timedelta(minutes=1), timedelta(minutes=125) // timedelta(hours=1))
print(timedelta(days=1, seconds=-1), timedelta(seconds=3661), -timedelta(hours=1), timedelta(microseconds=1500))
print(abs(timedelta(days=-2)), timedelta(hours=36).days, str(timedelta(0)), timedelta(weeks=1) * 1.5)
