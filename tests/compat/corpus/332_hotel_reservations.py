"""Hotel reservation system: availability over date ranges, overlapping bookings, pricing with seasons."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from itertools import count
from typing import Dict, List, Optional


class RoomType(Enum):
    SINGLE = (1, 89.0)
    DOUBLE = (2, 129.0)
    SUITE = (4, 259.0)

    def __init__(self, capacity: int, base_rate: float) -> None:
        self.capacity = capacity
        self.base_rate = base_rate


@dataclass
class Booking:
    id: int
    room: int
    guest: str
    check_in: date
    check_out: date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days

    def overlaps(self, start: date, end: date) -> bool:
        return self.check_in < end and start < self.check_out


class BookingError(Exception):
    pass


@dataclass
class Hotel:
    rooms: Dict[int, RoomType]
    bookings: List[Booking] = field(default_factory=list)
    _ids: count = field(default_factory=lambda: count(1), repr=False)

    def rate(self, room_type: RoomType, night: date) -> float:
        factor = 1.25 if night.month in (7, 8) else 1.0
        if night.weekday() >= 4:
            factor += 0.15
        return round(room_type.base_rate * factor, 2)

    def available(self, start: date, end: date, guests: int) -> List[int]:
        return [n for n, t in sorted(self.rooms.items())
                if t.capacity >= guests and not any(b.room == n and b.overlaps(start, end) for b in self.bookings)]

    def book(self, guest: str, start: date, nights: int, guests: int = 1, room: Optional[int] = None) -> Booking:
        if nights <= 0:
            raise BookingError(f"invalid stay length: {nights}")
        end = start + timedelta(days=nights)
        free = self.available(start, end, guests)
        if room is not None and room not in free:
            raise BookingError(f"room {room} unavailable {start:%b %d}-{end:%b %d}")
        if not free:
            raise BookingError(f"no room for {guests} guest(s) {start:%b %d}-{end:%b %d}")
        b = Booking(next(self._ids), room or free[0], guest, start, end)
        self.bookings.append(b)
        return b

    def invoice(self, b: Booking) -> float:
        t = self.rooms[b.room]
        return round(sum(self.rate(t, b.check_in + timedelta(days=i)) for i in range(b.nights)), 2)


def main():
    hotel = Hotel({101: RoomType.SINGLE, 102: RoomType.DOUBLE, 201: RoomType.SUITE, 202: RoomType.DOUBLE})
    requests = [("Ana", date(2024, 7, 3), 3, 2, None), ("Ben", date(2024, 7, 4), 2, 2, None), ("Cy", date(2024, 7, 4), 1, 2, 102),
                ("Di", date(2024, 7, 5), 4, 3, None), ("Ed", date(2024, 7, 5), 1, 5, None), ("Flo", date(2024, 7, 1), 0, 1, None),
                ("Gus", date(2024, 7, 4), 2, 1, None)]
    for guest, start, nights, people, room in requests:
        try:
            b = hotel.book(guest, start, nights, people, room)
            print(f"#{b.id} {guest:<4} room {b.room} ({hotel.rooms[b.room].name.lower()}) {b.check_in:%a %d} -> "
                  f"{b.check_out:%a %d} {b.nights}n ${hotel.invoice(b):,.2f}")
        except BookingError as e:
            print(f"--  {guest:<4} {e}")
    occupancy = {}
    for d in (date(2024, 7, 3) + timedelta(days=i) for i in range(6)):
        occupancy[d.strftime("%m-%d")] = sum(b.overlaps(d, d + timedelta(days=1)) for b in hotel.bookings)
    print(occupancy)
    print(RoomType.SUITE.capacity, RoomType.SUITE.value, [t.name for t in RoomType], RoomType((2, 129.0)))
    revenue = sum(hotel.invoice(b) for b in hotel.bookings)
    print(f"revenue ${revenue:,.2f} from {len(hotel.bookings)} bookings; avg/night "
          f"${revenue / sum(b.nights for b in hotel.bookings):.2f}")


if __name__ == "__main__":
    main()
