# An order workflow with enums.
from enum import Enum, IntEnum, auto
class Status(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()
    DONE = auto()
class Priority(IntEnum):
    LOW = 1
    HIGH = 3
transitions = {Status.NEW: [Status.PAID], Status.PAID: [Status.SHIPPED], Status.SHIPPED: [Status.DONE]}
state = Status.NEW
for target in [Status.PAID, Status.DONE, Status.SHIPPED, Status.DONE]:
    if target in transitions.get(state, []):
        print(f"{state.name} -> {target.name}")
        state = target
    else:
        print(f"illegal: {state.name} -> {target.name}")
print(state, repr(state), state.value, Status["PAID"], Status(2))
print([s.name for s in Status], len(Status))
print(Priority.HIGH > Priority.LOW, Priority.HIGH + 1, sorted([Priority.HIGH, Priority.LOW]))
counts = {s: 0 for s in Status}
print(counts)
