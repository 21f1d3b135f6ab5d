# queue: FIFO, LIFO, priority and simple queues, maxsize, Empty/Full,
# task_done/join. Blocking forever (no threads in the sandbox) is refused
# with RuntimeError in mpbox; CPython would hang, so that case prints the
# same line on both only when mpbox refuses it.
import queue
import sys

q = queue.Queue()
for i in range(5):
    q.put(i)
print(q.qsize(), q.empty(), q.full(), [q.get() for _ in range(3)], q.get_nowait(), q.qsize())
lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'a0')]:
    lq.put(item)
    pq.put(item)
print([lq.get() for _ in range(4)], [pq.get() for _ in range(4)])
b = queue.Queue(maxsize=2)
b.put('x')
b.put_nowait('y')
print(b.full(), b.qsize(), b.maxsize)
for call in (lambda: b.put_nowait('z'), lambda: b.put('z', block=False), lambda: b.put('z', timeout=0.01)):
    try:
        call()
    except queue.Full as e:
        print('Full', repr(e), isinstance(e, Exception))
e = queue.Queue()
for call in (e.get_nowait, lambda: e.get(False), lambda: e.get(timeout=0.01)):
    try:
        call()
    except queue.Empty as ex:
        print('Empty', type(ex).__name__, ex.args)
try:
    e.get(timeout=-1)
except ValueError as ex:
    print('ValueError', ex)
t = queue.Queue()
t.put(1)
t.put(2)
print(t.unfinished_tasks, t.get(), t.get())
t.task_done()
t.task_done()
t.join()
print('joined', t.unfinished_tasks)
try:
    t.task_done()
except ValueError as ex:
    print('ValueError', ex)
s = queue.SimpleQueue()
s.put('a')
s.put_nowait('b')
print(s.qsize(), s.empty(), s.get(), s.get_nowait(), s.empty())
try:
    s.get_nowait()
except queue.Empty:
    print('SimpleQueue Empty')
print(queue.Queue[int], issubclass(queue.PriorityQueue, queue.Queue))

# breadth-first search with a Queue, as agents write it
graph = {'A': ['B', 'C'], 'B': ['D'], 'C': ['D', 'E'], 'D': ['F'], 'E': ['F'], 'F': []}
seen, order, work = {'A'}, [], queue.Queue()
work.put('A')
while not work.empty():
    node = work.get()
    order.append(node)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.add(nxt)
            work.put(nxt)
print(order)

if sys.implementation.name == 'micropython':
    for call in (queue.Queue().get, queue.SimpleQueue().get, lambda: b.put('z')):
        try:
            call()
            print('did not raise')
        except RuntimeError as ex:
            print('refused' if 'would block forever' in str(ex) else ex)
    t.put(1)
    try:
        t.join()
    except RuntimeError as ex:
        print('refused' if 'would block forever' in str(ex) else ex)
else:
    print('refused\nrefused\nrefused\nrefused')
