import re
from dataclasses import dataclass


class ValidationError(ValueError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


@dataclass(frozen=True)
class Signup:
    username: str
    email: str
    age: int
    password: str


def validate(form: dict) -> Signup:
    username = form.get("username", "").strip()
    if not 3 <= len(username) <= 16:
        raise ValidationError("username", "must be 3-16 characters")
    if not username.isidentifier():
        raise ValidationError("username", "letters, digits and _ only")
    email = form.get("email", "").lower()
    if not EMAIL_RE.match(email):
        raise ValidationError("email", f"invalid address {email!r}")
    try:
        age = int(form.get("age", ""))
    except ValueError as exc:
        raise ValidationError("age", "not a number") from exc
    if age < 13:
        raise ValidationError("age", f"must be at least 13, got {age}")
    pw = form.get("password", "")
    problems = []
    if len(pw) < 8:
        problems.append("too short")
    if not any(c.isdigit() for c in pw):
        problems.append("no digit")
    if not any(c.isupper() for c in pw):
        problems.append("no uppercase")
    if problems:
        raise ValidationError("password", ", ".join(problems))
    return Signup(username, email, age, pw)


forms = [
    {"username": "alice_99", "email": "Alice@Example.COM", "age": "30", "password": "Secr3tPass"},
    {"username": "al", "email": "a@b.c", "age": "20", "password": "x"},
    {"username": "bob smith", "email": "bob@x.org", "age": "22", "password": "Passw0rd"},
    {"username": "carol", "email": "carol@@x", "age": "22", "password": "Passw0rd"},
    {"username": "dave", "email": "dave@mail.co.uk", "age": "twelve", "password": "Passw0rd"},
    {"username": "erin", "email": "erin@mail.io", "age": "9", "password": "Passw0rd"},
    {"username": "frank", "email": "frank@mail.io", "age": "40", "password": "password"},
]
ok = []
for i, form in enumerate(forms, 1):
    try:
        s = validate(form)
    except ValidationError as e:
        cause = f" (caused by {e.__cause__!r})" if e.__cause__ else ""
        print(f"form {i}: REJECTED {e}{cause}")
    else:
        ok.append(s)
        print(f"form {i}: ok -> {s}")
s = ok[0]
try:
    s.age = 31
except Exception as e:
    print(type(e).__name__, e)
print(hash(s) == hash(Signup(**{"username": "alice_99", "email": "alice@example.com", "age": 30, "password": "Secr3tPass"})))
