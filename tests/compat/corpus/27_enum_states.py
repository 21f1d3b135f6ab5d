# An order state machine with enums.
from enum import Enum, auto

class State(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()
    DELIVERED = auto()
    CANCELLED = auto()

class Priority(Enum):
    LOW = 1
    NORMAL = 2
    HIGH = 3

TRANSITIONS = {
    State.NEW: {State.PAID, State.CANCELLED},
    State.PAID: {State.SHIPPED, State.CANCELLED},
    State.SHIPPED: {State.DELIVERED},
    State.DELIVERED: set(),
    State.CANCELLED: set(),
}

class Order:
    def __init__(self, oid, priority=Priority.NORMAL):
        self.oid = oid
        self.state = State.NEW
        self.priority = priority
        self.log = [State.NEW.name]

    def advance(self, new):
        if new not in TRANSITIONS[self.state]:
            raise ValueError(f"order {self.oid}: cannot go from {self.state.name} to {new.name}")
        self.state = new
        self.log.append(new.name)

orders = [Order(1), Order(2, Priority.HIGH), Order(3, Priority.LOW)]
steps = [(0, State.PAID), (0, State.SHIPPED), (1, State.SHIPPED), (1, State.CANCELLED),
         (0, State.DELIVERED), (2, State.PAID), (2, State.NEW)]
for idx, target in steps:
    try:
        orders[idx].advance(target)
    except ValueError as e:
        print("refused:", e)

for o in sorted(orders, key=lambda o: o.priority.value, reverse=True):
    print(f"order {o.oid} [{o.priority.name}] {o.state.name}: {' -> '.join(o.log)}")

print(State.PAID, repr(Priority.HIGH), Priority(2), Priority["LOW"].value)
print([s.name for s in State], len(State))
print(State.NEW is State.NEW, State.NEW == State.PAID, isinstance(State.NEW, State))
counts = {s.name: sum(1 for o in orders if o.state is s) for s in State}
print(counts)
