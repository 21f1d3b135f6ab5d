import micropython
micropython.heap_lock()
x = [1] * 10
