"""Order workflow state machine with Enum, Flag permissions and transition validation."""
from enum import Enum, Flag, IntEnum, auto, unique
from typing import Dict, Set


@unique
class State(Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"

    @property
    def terminal(self) -> bool:
        return self in {State.DELIVERED, State.CANCELLED}

    def __str__(self) -> str:
        return self.value.upper()


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    SHIP = auto()
    ADMIN = READ | WRITE | SHIP


class Priority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3


TRANSITIONS: Dict[State, Set[State]] = {
    State.NEW: {State.PAID, State.CANCELLED},
    State.PAID: {State.SHIPPED, State.CANCELLED},
    State.SHIPPED: {State.DELIVERED},
    State.DELIVERED: set(),
    State.CANCELLED: set(),
}


class InvalidTransition(Exception):
    pass


class Order:
    def __init__(self, oid: int, priority: Priority = Priority.NORMAL) -> None:
        self.oid, self.priority, self.state = oid, priority, State.NEW
        self.log = [State.NEW]

    def advance(self, target: State, perms: Perm) -> None:
        needed = Perm.SHIP if target is State.SHIPPED else Perm.WRITE
        if needed not in perms:
            raise PermissionError(f"{needed.name} permission required to move to {target}")
        if target not in TRANSITIONS[self.state]:
            raise InvalidTransition(f"order {self.oid}: {self.state} -> {target} not allowed")
        self.state = target
        self.log.append(target)


def main():
    clerk, shipper = Perm.READ | Perm.WRITE, Perm.READ | Perm.SHIP
    print(clerk, shipper, Perm.ADMIN, Perm.READ in clerk, Perm.SHIP in clerk, bool(Perm(0)))
    print(list(Perm), [p.name for p in Perm.ADMIN], Perm.ADMIN.value, repr(clerk))
    order = Order(7, Priority.HIGH)
    steps = [(State.PAID, clerk), (State.SHIPPED, clerk), (State.SHIPPED, shipper),
             (State.NEW, clerk), (State.DELIVERED, Perm.ADMIN)]
    for target, perms in steps:
        try:
            order.advance(target, perms)
            print(f"-> {order.state!s:<10} terminal={order.state.terminal}")
        except (PermissionError, InvalidTransition) as e:
            print(f"!! {type(e).__name__}: {e}")
    print(" > ".join(map(str, order.log)), [s.name for s in order.log])
    print(State("paid"), repr(State.PAID), State.PAID.name, State["SHIPPED"].value, len(State))
    print(Priority.HIGH > Priority.LOW, Priority.HIGH + 1, sorted([Priority.HIGH, Priority.LOW, 2]),
          f"{Priority.HIGH}", f"{Priority.HIGH!r}", int(Priority.NORMAL), Priority(3).name)
    print({s: len(t) for s, t in TRANSITIONS.items()})
    print(State.__members__.keys(), State.NEW in State, isinstance(State.NEW, State))
    try:
        State("lost")
    except ValueError as e:
        print("ValueError:", e)
    try:
        @unique
        class Dup(Enum):
            A = 1
            B = 1
    except ValueError as e:
        print("ValueError:", e)
    queue = sorted([Order(1), Order(2, Priority.HIGH), Order(3, Priority.LOW)], key=lambda o: -o.priority)
    print([(o.oid, o.priority.name) for o in queue])


if __name__ == "__main__":
    main()
