# Collect multiple validation errors and report them together.
class FieldError(ValueError):
    def __init__(self, field, problem):
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")
def validate(user):
    errors = []
    if not user.get("name"):
        errors.append(FieldError("name", "required"))
    age = user.get("age")
    if not isinstance(age, int) or not 0 <= age <= 150:
        errors.append(FieldError("age", f"invalid {age!r}"))
    if "@" not in user.get("email", ""):
        errors.append(FieldError("email", "not an address"))
    return errors
for u in [{"name": "x", "age": 3, "email": "a@b"}, {"age": -1}, {"name": "y", "age": "9", "email": "q"}]:
    errs = validate(u)
    print("valid" if not errs else "; ".join(str(e) for e in errs))
    for e in errs:
        print("  ", repr(e), e.args, isinstance(e, ValueError))
try:
    raise FieldError("zip", "too short")
except ValueError as e:
    print(e.field, e.problem, str(e))
