from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional


class BookingError(Exception):
    """Raised when a booking cannot be made."""


@dataclass(frozen=True, order=True)
class Stay:
    check_in: date
    check_out: date
    guest: str

    def __post_init__(self):
        if self.check_out <= self.check_in:
            raise BookingError(f"check-out {self.check_out} must be after check-in {self.check_in}")

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days

    def overlaps(self, other: "Stay") -> bool:
        return self.check_in < other.check_out and other.check_in < self.check_out


class Room:
    def __init__(self, number: int, rate: float, weekend_rate: Optional[float] = None):
        self.number = number
        self.rate = rate
        self.weekend_rate = weekend_rate or rate * 1.25
        self.stays: list[Stay] = []

    def book(self, stay: Stay) -> float:
        clash = next((s for s in self.stays if s.overlaps(stay)), None)
        if clash:
            raise BookingError(f"room {self.number} taken by {clash.guest} {clash.check_in:%d/%m}-{clash.check_out:%d/%m}")
        self.stays.append(stay)
        self.stays.sort()
        return self.price(stay)

    def price(self, stay: Stay) -> float:
        total = 0.0
        for i in range(stay.nights):
            night = stay.check_in + timedelta(days=i)
            total += self.weekend_rate if night.weekday() >= 4 else self.rate
        return round(total, 2)


room = Room(101, 120.0)
requests = [
    ("Ann", date(2024, 6, 3), date(2024, 6, 7)),
    ("Ben", date(2024, 6, 6), date(2024, 6, 9)),
    ("Cat", date(2024, 6, 7), date(2024, 6, 10)),
    ("Dan", date(2024, 6, 12), date(2024, 6, 12)),
    ("Eve", date(2024, 6, 1), date(2024, 6, 3)),
]
for guest, ci, co in requests:
    try:
        stay = Stay(ci, co, guest)
        cost = room.book(stay)
        print(f"{guest}: {stay.nights} nights {ci:%a %b %d} -> {co:%a %b %d}: ${cost:,.2f}")
    except BookingError as e:
        print(f"{guest}: FAILED - {e}")
print([s.guest for s in room.stays])
print(room.stays[0])
occupied = sum(s.nights for s in room.stays)
print(f"occupancy June: {occupied}/30 = {occupied / 30:.1%}")
print(BookingError.__doc__, BookingError.__name__)
