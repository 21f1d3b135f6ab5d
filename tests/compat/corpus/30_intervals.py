# Interval problems: merging, meeting rooms, free slots.
import heapq

def merge(intervals):
    result = []
    for start, end in sorted(intervals):
        if result and start <= result[-1][1]:
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return result

print(merge([[1, 3], [2, 6], [8, 10], [15, 18], [17, 20], [9, 9]]))

meetings = [("standup", 9.0, 9.25), ("design", 9.5, 11.0), ("1:1", 10.0, 10.5),
            ("lunch", 12.0, 13.0), ("review", 10.75, 12.5), ("retro", 13.0, 14.0)]

def rooms_needed(ms):
    ends = []
    for _, start, end in sorted(ms, key=lambda m: m[1]):
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)

print("rooms needed:", rooms_needed(meetings))

def fmt(t):
    h = int(t)
    m = round((t - h) * 60)
    return f"{h:02d}:{m:02d}"

busy = merge([[s, e] for _, s, e in meetings])
print("busy:", [f"{fmt(s)}-{fmt(e)}" for s, e in busy])
free = []
day_start, day_end = 8.0, 17.0
cursor = day_start
for s, e in busy:
    if s > cursor:
        free.append((cursor, s))
    cursor = max(cursor, e)
if cursor < day_end:
    free.append((cursor, day_end))
print("free:", ", ".join(f"{fmt(s)}-{fmt(e)}" for s, e in free))
longest = max(free, key=lambda iv: iv[1] - iv[0])
print(f"longest free slot: {fmt(longest[0])} for {longest[1] - longest[0]:.2f} h")
overlaps = [(a[0], b[0]) for i, a in enumerate(meetings) for b in meetings[i + 1:]
            if a[1] < b[2] and b[1] < a[2]]
print("overlapping pairs:", overlaps)
