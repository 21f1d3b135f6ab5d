import select, sys
p = select.poll()
p.register(sys.stdin)
p.register(sys.stdout, select.POLLOUT)
print(p.poll(0))
