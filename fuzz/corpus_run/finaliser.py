class A:
    def __del__(self):
        print("del")
a = A()
del a
import gc
gc.collect()
