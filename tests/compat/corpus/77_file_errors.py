# OSError subclasses when files are missing.
import errno
try:
    open("/definitely/not/here.txt")
except FileNotFoundError as exc:
    print("FileNotFoundError", exc.errno == errno.ENOENT, exc.filename)
except OSError as exc:
    print("OSError", exc)
print(issubclass(FileNotFoundError, OSError), issubclass(PermissionError, OSError))
print(issubclass(FileExistsError, OSError), issubclass(IsADirectoryError, OSError))
try:
    raise FileNotFoundError(errno.ENOENT, "No such file", "x.txt")
except OSError as exc:
    print(type(exc).__name__, exc.errno, exc.strerror, exc.filename, str(exc))
def read_config(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return "default"
print(read_config("/nope.cfg"))
print(TimeoutError.__mro__[1].__name__, ConnectionError.__name__)
