"""Sessionize click-stream events: group by user with a 30-minute timeout, compute funnels and dwell times."""
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import attrgetter
from typing import List

EVENTS = """u1 2024-05-01T09:00:00 /home
u1 2024-05-01T09:02:10 /products
u2 2024-05-01T09:03:00 /home
u1 2024-05-01T09:05:45 /cart
u2 2024-05-01T09:04:30 /products
u1 2024-05-01T09:50:00 /home
u2 2024-05-01T09:10:00 /cart
u2 2024-05-01T09:12:31 /checkout
u3 2024-05-01T10:00:00 /products
u1 2024-05-01T09:55:20 /checkout
u3 2024-05-01T10:45:00 /home"""


@dataclass(frozen=True)
class Event:
    user: str
    at: datetime
    path: str


def sessions(events: List[Event], gap=timedelta(minutes=30)):
    for user, evs in groupby(sorted(events, key=attrgetter("user", "at")), key=attrgetter("user")):
        current = []
        for e in evs:
            if current and e.at - current[-1].at > gap:
                yield user, current
                current = []
            current.append(e)
        if current:
            yield user, current


def main():
    events = [Event(u, datetime.fromisoformat(t), p) for u, t, p in (line.split() for line in EVENTS.splitlines())]
    print(f"{len(events)} events, {len({e.user for e in events})} users")
    all_sessions = list(sessions(events))
    for i, (user, evs) in enumerate(all_sessions, 1):
        dur = evs[-1].at - evs[0].at
        path = " > ".join(e.path.strip("/") for e in evs)
        print(f"#{i} {user} {evs[0].at:%H:%M}-{evs[-1].at:%H:%M} ({dur.seconds // 60}m{dur.seconds % 60:02d}s) {path}")
    funnel = ["/home", "/products", "/cart", "/checkout"]
    reached = Counter()
    for _, evs in all_sessions:
        paths = [e.path for e in evs]
        for depth, step in enumerate(funnel):
            if step in paths:
                reached[depth] += 1
    base = len(all_sessions)
    for depth, step in enumerate(funnel):
        print(f"{step:<10} {reached[depth]:>2} {reached[depth] / base:>6.1%}")
    dwell = defaultdict(list)
    for _, evs in all_sessions:
        for a, b in zip(evs, evs[1:]):
            dwell[a.path].append((b.at - a.at).total_seconds())
    for path, secs in sorted(dwell.items()):
        print(f"dwell {path:<10} avg {sum(secs) / len(secs):7.1f}s over {len(secs)}")
    per_user = Counter(u for u, _ in all_sessions)
    print(per_user, per_user.most_common(1)[0], sorted(per_user.elements()))


if __name__ == "__main__":
    main()
