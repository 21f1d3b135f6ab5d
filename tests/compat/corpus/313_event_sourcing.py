"""Event-sourced account projections: replay events, snapshots, and audit queries."""
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Dict, List


@dataclass(frozen=True)
class Event:
    seq: int
    at: datetime
    account: str
    kind: str
    amount: int = 0


def generate() -> List[Event]:
    t0 = datetime(2024, 4, 1, 9, 0)
    raw = [("acc-1", "opened", 0), ("acc-1", "deposited", 500), ("acc-2", "opened", 0), ("acc-1", "withdrew", 120),
           ("acc-2", "deposited", 80), ("acc-2", "withdrew", 100), ("acc-1", "deposited", 45), ("acc-3", "deposited", 10),
           ("acc-2", "closed", 0), ("acc-1", "withdrew", 25)]
    return [Event(i, t0 + timedelta(minutes=17 * i), a, k, amt) for i, (a, k, amt) in enumerate(raw, 1)]


class Projection:
    def __init__(self) -> None:
        self.balances: Dict[str, int] = {}
        self.status: Dict[str, str] = {}
        self.errors: List[str] = []

    def apply(self, e: Event) -> None:
        handler = getattr(self, f"on_{e.kind}", None)
        if handler is None:
            self.errors.append(f"#{e.seq}: unknown event {e.kind}")
            return
        if e.kind != "opened" and self.status.get(e.account) != "open":
            self.errors.append(f"#{e.seq}: {e.account} not open ({self.status.get(e.account, 'missing')})")
            return
        handler(e)

    def on_opened(self, e):
        self.balances[e.account] = 0
        self.status[e.account] = "open"

    def on_deposited(self, e):
        self.balances[e.account] += e.amount

    def on_withdrew(self, e):
        if self.balances[e.account] < e.amount:
            self.errors.append(f"#{e.seq}: overdraft on {e.account} ({self.balances[e.account]} < {e.amount})")
            return
        self.balances[e.account] -= e.amount

    def on_closed(self, e):
        self.status[e.account] = "closed"


def main():
    events = generate()
    proj = Projection()
    for e in events:
        proj.apply(e)
    print("balances:", proj.balances)
    print("status:", proj.status)
    for err in proj.errors:
        print("  error", err)
    snap = Projection()
    for e in events[:5]:
        snap.apply(e)
    state = json.dumps({"upto": 5, "balances": snap.balances}, sort_keys=True)
    print("snapshot:", state)
    restored = Projection()
    restored.balances = json.loads(state)["balances"]
    restored.status = {k: "open" for k in restored.balances}
    for e in events[5:]:
        restored.apply(e)
    print("from snapshot matches:", restored.balances == proj.balances, restored.errors == proj.errors[-len(restored.errors):])
    kinds = Counter(e.kind for e in events)
    print(kinds.most_common(), sorted(kinds))
    per_hour = defaultdict(list)
    for e in events:
        per_hour[e.at.strftime("%H:00")].append(e.seq)
    print(dict(per_hour))
    first = asdict(events[1])
    first["at"] = first["at"].isoformat()
    print(json.dumps(first), events[1] == Event(2, events[1].at, "acc-1", "deposited", 500))
    print(max(events, key=lambda e: e.amount).seq, [e.seq for e in events if e.account == "acc-2"], events[-1].at - events[0].at)


if __name__ == "__main__":
    main()
