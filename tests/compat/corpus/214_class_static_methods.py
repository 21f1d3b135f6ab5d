# classmethod vs staticmethod: alternative constructors and helpers.
from datetime import date


class Person:
    population = 0

    def __init__(self, name, birth_year):
        self.name = name
        self.birth_year = birth_year
        Person.population += 1

    @classmethod
    def from_string(cls, text):
        name, year = text.split("-")
        return cls(name, int(year))

    @classmethod
    def count(cls):
        return f"{cls.__name__}: {cls.population}"

    @staticmethod
    def is_adult(age):
        return age >= 18

    def age_in(self, year):
        return year - self.birth_year

    def __repr__(self):
        return f"Person(name={self.name!r}, birth_year={self.birth_year})"


class Employee(Person):
    pass


p = Person("Alice", 1990)
q = Person.from_string("Bob-2010")
e = Employee.from_string("Carol-1985")
print(p, q, e, sep="\n")
print(type(e).__name__)
print(Person.count(), Employee.count())
print(Person.is_adult(q.age_in(2024)), p.is_adult(p.age_in(2024)))
print(Person.is_adult.__qualname__)
print(type(Person.__dict__["from_string"]).__name__)
print(type(Person.__dict__["is_adult"]).__name__)
print(Person.from_string.__self__ is Person)


class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d

    @classmethod
    def today_fixed(cls):
        d = date(2024, 3, 14)
        return cls(d.year, d.month, d.day)

    def __str__(self):
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"


print(Date.today_fixed())
