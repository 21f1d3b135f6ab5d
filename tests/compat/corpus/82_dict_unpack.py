# Dict and iterable unpacking in literals and calls.
base = {"host": "localhost", "port": 80}
extra = {"port": 8080, "tls": True}
print({**base, **extra})
print({**extra, "host": "example.org", **{"path": "/"}})
a, *rest = [1, 2, 3, 4]
print(a, rest)
*init, last = "abcd"
print(init, last)
combined = [*range(3), *"xy", *(7, 8)]
print(combined)
print({*[1, 2], *[2, 3]})
def connect(host, port, tls=False, **kw):
    return f"{host}:{port} tls={tls} {kw}"
print(connect(**base))
print(connect(**{**base, **extra}, retries=2))
args = ("db", 5432)
print(connect(*args, tls=True))
print(*[1, 2, 3], sep=" | ", end=" <end>\n")
print(*"abc")
