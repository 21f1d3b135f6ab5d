import math
from itertools import islice

ITEMS = [f"item-{i:03d}" for i in range(1, 48)]


def paginate(items, per_page):
    pages = math.ceil(len(items) / per_page)
    for page in range(1, pages + 1):
        start = (page - 1) * per_page
        yield page, pages, items[start:start + per_page]


def page_links(current, total, window=2):
    links = []
    for p in range(1, total + 1):
        if p in (1, total) or abs(p - current) <= window:
            links.append(f"[{p}]" if p == current else str(p))
        elif links[-1] != "...":
            links.append("...")
    return " ".join(links)


for page, pages, chunk in islice(paginate(ITEMS, 5), 0, None, 4):
    print(f"Page {page}/{pages}: {chunk[0]} .. {chunk[-1]} ({len(chunk)} items)")
    print("   ", page_links(page, pages))

per = 10
last_page = list(paginate(ITEMS, per))[-1]
print(last_page)
print(f"showing {(3 - 1) * per + 1}-{min(3 * per, len(ITEMS))} of {len(ITEMS)}")


def chunked(iterable, n):
    it = iter(iterable)
    while batch := list(islice(it, n)):
        yield batch


print(list(chunked(range(10), 4)))
print(list(chunked("abcdefg", 3)))
print([len(b) for b in chunked(ITEMS, 12)], math.ceil(47 / 12), -(-47 // 12))
