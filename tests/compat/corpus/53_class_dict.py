# Inspect objects through __dict__ and vars().
class Employee:
    company = "Acme"

    def __init__(self, name, title, salary):
        self.name = name
        self.title = title
        self.salary = salary
        self.skills = []

    def add_skill(self, skill):
        self.skills.append(skill)
        return self

e = Employee("Grace", "Engineer", 120000)
e.add_skill("python").add_skill("sql")
print(e.__dict__)
print(vars(e))
for key, value in vars(e).items():
    print(f"  {key}: {value}")
e.manager = "Linus"
print(list(e.__dict__))
print(sorted(k for k in Employee.__dict__ if not k.startswith("__")))
record = {k: v for k, v in vars(e).items() if k != "skills"}
print(record)
