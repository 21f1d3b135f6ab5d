# A library lending system: classes, class methods, dunder methods, sorting.
class Book:
    count = 0

    def __init__(self, isbn, title, author, year):
        self.isbn, self.title, self.author, self.year = isbn, title, author, year
        Book.count += 1

    @classmethod
    def from_line(cls, line):
        isbn, title, author, year = [p.strip() for p in line.split("|")]
        return cls(isbn, title, author, int(year))

    @staticmethod
    def valid_isbn(isbn):
        digits = [int(c) for c in isbn if c.isdigit()]
        return len(digits) == 13 and sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0

    def __eq__(self, other):
        return isinstance(other, Book) and self.isbn == other.isbn

    def __hash__(self):
        return hash(self.isbn)

    def __lt__(self, other):
        return (self.author, self.year) < (other.author, other.year)

    def __repr__(self):
        return f"<{self.title} ({self.year})>"

class Library:
    def __init__(self):
        self.books = {}
        self.loans = {}

    def add(self, book):
        self.books[book.isbn] = book

    def lend(self, isbn, member):
        if isbn in self.loans:
            raise LookupError(f"{self.books[isbn].title!r} is already lent to {self.loans[isbn]}")
        self.loans[isbn] = member

    def available(self):
        return sorted(b for i, b in self.books.items() if i not in self.loans)

    def __len__(self):
        return len(self.books)

    def __contains__(self, isbn):
        return isbn in self.books

CATALOG = """978-0-14-143951-8 | Pride and Prejudice | Austen | 1813
978-0-452-28423-4 | 1984 | Orwell | 1949
978-0-06-112008-4 | To Kill a Mockingbird | Lee | 1960
978-0-14-118776-1 | Animal Farm | Orwell | 1945
978-0-14-143958-7 | Emma | Austen | 1815"""

lib = Library()
for line in CATALOG.splitlines():
    lib.add(Book.from_line(line))
print(len(lib), Book.count, "978-0-452-28423-4" in lib)
print([Book.valid_isbn(i) for i in lib.books])
lib.lend("978-0-452-28423-4", "sam")
try:
    lib.lend("978-0-452-28423-4", "kim")
except LookupError as e:
    print("refused:", e)
print("available:", lib.available())
print(len({Book.from_line(CATALOG.splitlines()[0]), lib.books["978-0-14-143951-8"]}))
by_author = {}
for b in sorted(lib.books.values()):
    by_author.setdefault(b.author, []).append(b.title)
print(by_author)
print(min(lib.books.values()), max(lib.books.values(), key=lambda b: b.year))
