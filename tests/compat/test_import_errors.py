# Missing modules and names: CPython's exception classes and texts, as agents
# catch them around optional imports; the same file runs under CPython and
# mpbox.
import sys

try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, "| name:", e.name, "| is ImportError:", isinstance(e, ImportError))

try:
    import numpy as np
    HAVE_NUMPY = True
except ImportError:
    HAVE_NUMPY = False
print("numpy:", HAVE_NUMPY)

# a name a module lacks is an ImportError, not a missing module (the text
# of a plain module's is MicroPython's: docs/compatibility.md)
for mod in ("json", "collections", "os"):
    try:
        exec("from %s import no_such_name" % mod)
    except ModuleNotFoundError:
        print("wrong: a missing name is not a missing module")
    except ImportError as e:
        print(mod, type(e).__name__, "no_such_name" in str(e))

try:
    from os import no_such_thing
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])

try:
    import json.no_such_submodule
except ModuleNotFoundError as e:
    print(type(e).__name__, e)

print(issubclass(ModuleNotFoundError, ImportError), ModuleNotFoundError.__name__)
print(ModuleNotFoundError, ModuleNotFoundError("x"), repr(ModuleNotFoundError("x")))

for name in ("json", "no_such_a", "collections", "no_such_b"):
    try:
        __import__(name)
        print(name, "ok")
    except ModuleNotFoundError as e:
        print(name, "missing:", e.name)
print("json" in sys.modules)

# OSError's old names
try:
    open("/no/such/file")
except IOError as e:
    print("IOError catches", type(e).__name__, IOError is OSError, EnvironmentError is OSError)
