# Top-k queries with heapq and a running median.
import heapq

products = [
    {"name": "laptop", "price": 1299.0, "rating": 4.6, "sold": 310},
    {"name": "mouse", "price": 25.5, "rating": 4.2, "sold": 2200},
    {"name": "monitor", "price": 329.99, "rating": 4.7, "sold": 540},
    {"name": "keyboard", "price": 79.0, "rating": 4.4, "sold": 1200},
    {"name": "webcam", "price": 59.9, "rating": 3.9, "sold": 800},
    {"name": "dock", "price": 189.0, "rating": 4.1, "sold": 150},
    {"name": "headset", "price": 99.0, "rating": 4.5, "sold": 950},
]

print("3 most expensive:", [p["name"] for p in heapq.nlargest(3, products, key=lambda p: p["price"])])
print("3 cheapest:", [p["name"] for p in heapq.nsmallest(3, products, key=lambda p: p["price"])])
print("best sellers:", [(p["name"], p["sold"]) for p in heapq.nlargest(2, products, key=lambda p: p["sold"])])
print("revenue top 3:", heapq.nlargest(3, (round(p["price"] * p["sold"], 2) for p in products)))
print(heapq.nsmallest(4, [9, 1, 8, 2, 7, 3]), heapq.nlargest(2, "hello"))

class RunningMedian:
    def __init__(self):
        self.low = []
        self.high = []

    def add(self, x):
        heapq.heappush(self.low, -x)
        heapq.heappush(self.high, -heapq.heappop(self.low))
        if len(self.high) > len(self.low):
            heapq.heappush(self.low, -heapq.heappop(self.high))

    def median(self):
        if len(self.low) > len(self.high):
            return -self.low[0]
        return (-self.low[0] + self.high[0]) / 2

rm = RunningMedian()
medians = []
for x in [5, 15, 1, 3, 8, 7, 9, 10, 20, 2]:
    rm.add(x)
    medians.append(rm.median())
print("running medians:", medians)

tasks = []
for prio, name in [(3, "write docs"), (1, "fix prod bug"), (2, "review PR"), (1, "call client"), (5, "refactor")]:
    heapq.heappush(tasks, (prio, name))
order = []
while tasks:
    order.append(heapq.heappop(tasks)[1])
print("task order:", order)
print("merged:", list(heapq.merge([1, 4, 9], [2, 3, 10], [0, 11])))
h = [5, 3, 8, 1]
heapq.heapify(h)
print("heapified:", h, heapq.heappushpop(h, 4), h)
