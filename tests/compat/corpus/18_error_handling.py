# Error handling: validation, custom exceptions, chaining, finally.
class ValidationError(Exception):
    pass

class MissingField(ValidationError):
    def __init__(self, field):
        super().__init__(f"missing field: {field}")
        self.field = field

def parse_record(raw):
    parts = raw.split(",")
    if len(parts) != 3:
        raise ValidationError(f"expected 3 fields, got {len(parts)}")
    name, age, email = (p.strip() for p in parts)
    if not name:
        raise MissingField("name")
    try:
        age = int(age)
    except ValueError as exc:
        raise ValidationError(f"bad age {age!r}") from exc
    if "@" not in email:
        raise ValidationError("bad email")
    return {"name": name, "age": age, "email": email}

inputs = ["Ann, 34, ann@example.com", "Bob, x, bob@example.com", ", 20, a@b.c",
          "Cy, 41", "Dee, 29, dee.example.com", "Eve, 52, eve@example.org"]
good, bad = [], []
for raw in inputs:
    try:
        rec = parse_record(raw)
    except MissingField as e:
        bad.append((raw, "missing", e.field))
    except ValidationError as e:
        cause = type(e.__cause__).__name__ if e.__cause__ else None
        bad.append((raw, str(e), cause))
    else:
        good.append(rec)
    finally:
        pass

print("valid:")
for r in good:
    print("  ", r)
print("invalid:")
for raw, why, extra in bad:
    print(f"   {raw!r:32} {why} {extra}")

def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
    finally:
        print(f"  divided {a} by {b}")

print(safe_div(1, 4), safe_div(1, 0))
errors = []
for value in ["10", "abc", None, "3.5"]:
    try:
        errors.append(int(value))
    except (TypeError, ValueError) as e:
        errors.append(type(e).__name__)
print(errors)
try:
    {}["key"]
except KeyError as e:
    print("KeyError args:", e.args)
try:
    raise RuntimeError("outer")
except RuntimeError as e:
    print("caught", repr(e))
