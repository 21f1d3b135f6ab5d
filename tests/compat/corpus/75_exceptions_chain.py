# Exception chaining: __cause__ and __context__.
class ConfigError(Exception):
    pass

def load(value):
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"bad value {value!r}") from exc

try:
    load("abc")
except ConfigError as err:
    print("error:", err)
    print("cause:", type(err.__cause__).__name__, err.__cause__)
    print("suppress:", err.__suppress_context__)

try:
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")
except RuntimeError as err:
    print("context:", repr(err.__context__))
    print("cause:", err.__cause__)

try:
    raise ValueError("outer") from None
except ValueError as err:
    print(err.__cause__, err.__suppress_context__)
