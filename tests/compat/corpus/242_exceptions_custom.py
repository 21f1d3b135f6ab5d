# Custom exception hierarchies, else/finally, raise from, context chaining.
class AppError(Exception):
    """Base for application errors."""


class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFound(AppError):
    pass


def lookup(db, key):
    try:
        return db[key]
    except KeyError as e:
        raise NotFound(f"no record {key!r}") from e


def validate(age):
    if not isinstance(age, int):
        raise ValidationError("age", "must be an integer")
    return age


db = {"a": 1}
for key in ["a", "b"]:
    try:
        value = lookup(db, key)
    except AppError as e:
        print(f"{type(e).__name__}: {e}")
        print("  cause:", repr(e.__cause__), e.__suppress_context__)
    else:
        print("found", value)
    finally:
        print("  lookup done for", key)

try:
    validate("x")
except ValidationError as e:
    print(e, "| field =", e.field, "| args =", e.args)
    print(isinstance(e, AppError), isinstance(e, Exception))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        int("abc")
except ValueError as e:
    print("context:", type(e.__context__).__name__, e.__context__)
    print("cause:", e.__cause__)

try:
    raise NotFound("x") from None
except NotFound as e:
    print(e.__cause__, e.__suppress_context__)


def f():
    try:
        return "try"
    finally:
        print("finally runs before return")


print(f())
print(AppError.__mro__)
print(ValidationError.__doc__, AppError.__doc__)
e = ValidationError("name", "empty")
print(repr(e), str(e))
