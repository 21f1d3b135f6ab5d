from enum import Enum, auto
from datetime import datetime, timedelta


class OrderState(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()
    DELIVERED = auto()
    CANCELLED = auto()

    def __str__(self):
        return self.name.capitalize()


TRANSITIONS = {
    OrderState.NEW: {OrderState.PAID, OrderState.CANCELLED},
    OrderState.PAID: {OrderState.SHIPPED, OrderState.CANCELLED},
    OrderState.SHIPPED: {OrderState.DELIVERED},
    OrderState.DELIVERED: set(),
    OrderState.CANCELLED: set(),
}


class InvalidTransition(Exception):
    def __init__(self, order_id, current, target):
        super().__init__(f"order {order_id}: cannot go from {current} to {target}")
        self.current, self.target = current, target


class Order:
    def __init__(self, order_id, created):
        self.id = order_id
        self.state = OrderState.NEW
        self.log = [(created, OrderState.NEW)]

    def advance(self, target, when):
        if target not in TRANSITIONS[self.state]:
            raise InvalidTransition(self.id, self.state, target)
        self.state = target
        self.log.append((when, target))

    def timeline(self):
        start = self.log[0][0]
        for when, state in self.log:
            yield f"+{when - start} {state}"


t0 = datetime(2024, 9, 1, 10, 0)
o = Order("A17", t0)
steps = [(OrderState.PAID, 2), (OrderState.SHIPPED, 26), (OrderState.PAID, 30), (OrderState.DELIVERED, 75),
         (OrderState.CANCELLED, 80)]
for target, hours in steps:
    try:
        o.advance(target, t0 + timedelta(hours=hours))
        print(f"-> {target!s:<10} ok")
    except InvalidTransition as e:
        print(f"!! {e}")
print("\n".join(o.timeline()))
print(repr(o.state), o.state, f"{o.state}", f"{o.state!r}", o.state.value)
print(sorted(s.name for s in TRANSITIONS[OrderState.NEW]))
print(OrderState.PAID in TRANSITIONS[OrderState.NEW], OrderState["SHIPPED"] is OrderState.SHIPPED)
terminal = [str(s) for s, nxt in TRANSITIONS.items() if not nxt]
print("terminal:", terminal)
print({s: len(n) for s, n in TRANSITIONS.items()})
