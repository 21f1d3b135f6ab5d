"""A small library management model with dataclasses, enums and custom exceptions."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum, auto
from typing import Dict, List, Optional


class Status(Enum):
    AVAILABLE = auto()
    BORROWED = auto()
    LOST = auto()


class LibraryError(Exception):
    """Base error for the library."""


class NotAvailable(LibraryError):
    def __init__(self, title: str, status: Status):
        super().__init__(f"'{title}' is not available (status: {status.name.lower()})")
        self.status = status


@dataclass(order=True)
class Book:
    isbn: str
    title: str = field(compare=False)
    author: str = field(compare=False)
    status: Status = field(default=Status.AVAILABLE, compare=False)
    due: Optional[date] = field(default=None, compare=False, repr=False)


@dataclass
class Member:
    name: str
    loans: List[Book] = field(default_factory=list)
    MAX_LOANS = 2


class Library:
    def __init__(self) -> None:
        self.books: Dict[str, Book] = {}

    def add(self, book: Book) -> None:
        self.books[book.isbn] = book

    def checkout(self, isbn: str, member: Member, today: date) -> Book:
        try:
            book = self.books[isbn]
        except KeyError:
            raise LibraryError(f"unknown ISBN {isbn}") from None
        if book.status is not Status.AVAILABLE:
            raise NotAvailable(book.title, book.status)
        if len(member.loans) >= Member.MAX_LOANS:
            raise LibraryError(f"{member.name} already has {len(member.loans)} books")
        book.status, book.due = Status.BORROWED, today + timedelta(days=14)
        member.loans.append(book)
        return book


def main() -> None:
    lib = Library()
    for isbn, title, author in [("978-0", "Dune", "Herbert"), ("978-1", "Emma", "Austen"),
                                ("978-2", "Ulysses", "Joyce"), ("978-3", "Beloved", "Morrison")]:
        lib.add(Book(isbn, title, author))
    lib.books["978-3"].status = Status.LOST
    ann = Member("Ann")
    today = date(2024, 5, 1)
    for isbn in ["978-1", "978-1", "978-3", "978-9", "978-0", "978-2"]:
        try:
            b = lib.checkout(isbn, ann, today)
            print(f"OK   {b.title:<8} due {b.due:%Y-%m-%d}")
        except NotAvailable as e:
            print(f"FAIL {e} [{type(e).__name__}, {e.status}]")
        except LibraryError as e:
            print(f"FAIL {e!s} ({e.__class__.__mro__[1].__name__})")
    print(sorted(lib.books.values(), reverse=True)[0])
    print([b.title for b in sorted(lib.books.values(), key=lambda b: (b.status.value, b.title))])
    print(Status.BORROWED, repr(Status.LOST), Status["AVAILABLE"].value, list(Status)[-1].name)
    print(ann)


if __name__ == "__main__":
    main()
