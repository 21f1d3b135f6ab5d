# Sorting records with keys: multi-key sorts, stable sorts, ranking.
from operator import itemgetter, attrgetter

students = [
    ("Mia", "B", 88, 21), ("Noah", "A", 92, 20), ("Liam", "B", 88, 22),
    ("Emma", "A", 75, 19), ("Ava", "C", 92, 21), ("Oliver", "C", 64, 23),
    ("Sophia", "A", 92, 22), ("Lucas", "B", 70, 20),
]

print("By score desc, then name:")
for name, group, score, age in sorted(students, key=lambda s: (-s[2], s[0])):
    print(f"  {name:<7} {group} {score:>3} {age}")

print("By group then age (itemgetter):")
for s in sorted(students, key=itemgetter(1, 3)):
    print("  ", s)

ranked = sorted(students, key=itemgetter(2), reverse=True)
rank = 0
last = None
for i, s in enumerate(ranked, 1):
    if s[2] != last:
        rank = i
        last = s[2]
    print(f"  #{rank} {s[0]} ({s[2]})")

class Book:
    def __init__(self, title, author, year):
        self.title, self.author, self.year = title, author, year
    def __repr__(self):
        return f"Book({self.title!r}, {self.year})"

books = [Book("Dune", "Herbert", 1965), Book("Emma", "Austen", 1815),
         Book("Ulysses", "Joyce", 1922), Book("Persuasion", "Austen", 1817)]
print(sorted(books, key=attrgetter("author", "year")))
print(sorted(books, key=lambda b: len(b.title)))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w)))
nums = [3, -1, 4, -1, 5, -9, 2, 6]
print(sorted(nums, key=abs), max(nums, key=abs), min(nums, key=lambda n: (n % 3, n)))
pairs = sorted({"x": 3, "y": 1, "z": 2}.items(), key=itemgetter(1))
print(pairs)
