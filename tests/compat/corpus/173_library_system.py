from datetime import date, timedelta
from enum import Enum


class Status(Enum):
    AVAILABLE = "available"
    BORROWED = "borrowed"
    LOST = "lost"


class LibraryError(Exception):
    pass


class NotAvailable(LibraryError):
    pass


class Book:
    def __init__(self, isbn, title, author, year):
        self.isbn, self.title, self.author, self.year = isbn, title, author, year
        self.status = Status.AVAILABLE
        self.due = None
        self.borrower = None

    def __repr__(self):
        return f"Book({self.title!r}, {self.author!r}, {self.year})"

    def __eq__(self, other):
        return isinstance(other, Book) and self.isbn == other.isbn

    def __hash__(self):
        return hash(self.isbn)


class Library:
    LOAN_DAYS = 14
    FINE_PER_DAY = 0.25

    def __init__(self):
        self.books = {}

    def add(self, *books):
        for b in books:
            self.books[b.isbn] = b

    def checkout(self, isbn, member, today):
        book = self.books.get(isbn)
        if book is None:
            raise LibraryError(f"unknown ISBN {isbn}")
        if book.status is not Status.AVAILABLE:
            raise NotAvailable(f"{book.title} is {book.status.value}")
        book.status, book.borrower, book.due = Status.BORROWED, member, today + timedelta(days=self.LOAN_DAYS)
        return book.due

    def checkin(self, isbn, today):
        book = self.books[isbn]
        late = max((today - book.due).days, 0)
        book.status, book.borrower, book.due = Status.AVAILABLE, None, None
        return late * self.FINE_PER_DAY

    def search(self, text):
        text = text.casefold()
        return sorted((b for b in self.books.values() if text in b.title.casefold() or text in b.author.casefold()),
                      key=lambda b: b.year)


lib = Library()
lib.add(Book("111", "Dune", "Frank Herbert", 1965), Book("222", "Neuromancer", "William Gibson", 1984),
        Book("333", "Foundation", "Isaac Asimov", 1951), Book("444", "I, Robot", "Isaac Asimov", 1950))
today = date(2024, 5, 1)
print("due:", lib.checkout("111", "sam", today))
for isbn in ("111", "999"):
    try:
        lib.checkout(isbn, "kim", today)
    except NotAvailable as e:
        print("not available:", e)
    except LibraryError as e:
        print("library error:", e)
fine = lib.checkin("111", today + timedelta(days=20))
print(f"fine: ${fine:.2f}")
print(lib.search("asimov"))
print(lib.search("NEURO"), lib.search("zzz"))
print({b.status for b in lib.books.values()}, Status("lost"), Status.LOST.name)
print(Book("111", "x", "y", 1) in set(lib.books.values()))
print(isinstance(NotAvailable("x"), LibraryError), NotAvailable.__mro__[1].__name__)
