# ExceptionGroup and except* (Python 3.11).
def validate(record):
    errors = []
    if not record.get("name"):
        errors.append(ValueError("name is required"))
    if not isinstance(record.get("age"), int):
        errors.append(TypeError("age must be int"))
    if record.get("age", 0) < 0:
        errors.append(ValueError("age must be >= 0"))
    if errors:
        raise ExceptionGroup(f"invalid record {record}", errors)
    return True


for rec in [{"name": "Ann", "age": 30}, {"name": "", "age": "x"}, {"name": "Bo", "age": -1}]:
    try:
        print("valid:", validate(rec))
    except* ValueError as eg:
        print("value errors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("type errors:", [str(e) for e in eg.exceptions])

eg = ExceptionGroup("many", [ValueError(1), KeyError(2), ValueError(3)])
print(eg)
print(repr(eg))
print(len(eg.exceptions))
match, rest = eg.split(ValueError)
print(match.exceptions, rest.exceptions)
print(eg.subgroup(lambda e: isinstance(e, KeyError)).exceptions)
try:
    raise eg
except ExceptionGroup as caught:
    print("caught group with", len(caught.exceptions))

e = ValueError("bad")
e.add_note("while parsing line 3")
print(e.__notes__)
