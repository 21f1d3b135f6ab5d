import json
from dataclasses import dataclass, asdict, field
from typing import Dict, List
from statistics import mean

RAW = '''[
  {"id": 3, "name": "Maya", "courses": {"cs101": 91, "ma201": 84}, "year": 2},
  {"id": 1, "name": "Leo", "courses": {"cs101": 72, "ph110": 65, "ma201": 70}, "year": 1},
  {"id": 2, "name": "Ines", "courses": {}, "year": 3},
  {"id": 4, "name": "Tomas", "courses": {"ph110": 99}, "year": 2}
]'''


@dataclass
class Student:
    id: int
    name: str
    year: int
    courses: Dict[str, int] = field(default_factory=dict)

    @property
    def gpa(self) -> float:
        if not self.courses:
            return 0.0
        return round(mean(self.courses.values()) / 25, 2)

    def to_json(self) -> dict:
        d = asdict(self)
        d["gpa"] = self.gpa
        return d


students: List[Student] = [Student(**rec) for rec in json.loads(RAW)]
students.sort(key=lambda s: s.id)
for s in students:
    courses = ", ".join(f"{c}={g}" for c, g in sorted(s.courses.items())) or "(none)"
    print(f"#{s.id} {s.name:<6} year {s.year} gpa {s.gpa:4.2f}  {courses}")

by_year: Dict[int, List[str]] = {}
for s in students:
    by_year.setdefault(s.year, []).append(s.name)
print(by_year)

course_avgs = {}
for s in students:
    for c, g in s.courses.items():
        course_avgs.setdefault(c, []).append(g)
print({c: round(mean(gs), 1) for c, gs in sorted(course_avgs.items())})

report = {"count": len(students), "students": [s.to_json() for s in students if s.courses]}
text = json.dumps(report, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back["students"][0]["name"], type(back["students"][0]["gpa"]).__name__, len(text))
print(json.dumps(asdict(students[2])), repr(students[2]))
try:
    json.loads('{"bad": }')
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e.msg, "at pos", e.pos)
