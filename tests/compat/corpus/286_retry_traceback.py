"""Retry flaky operations with backoff and log full tracebacks to stdout."""
import sys
import traceback
from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")


class TransientError(Exception):
    pass


class PermanentError(Exception):
    pass


def retry(attempts: int = 3, backoff: float = 0.5, retry_on=(TransientError,)):
    def decorator(fn: Callable[..., T]) -> Callable[..., T]:
        @wraps(fn)
        def wrapper(*args, **kwargs) -> T:
            delay = backoff
            for attempt in range(1, attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except retry_on as exc:
                    print(f"  attempt {attempt}/{attempts} failed: {exc!r}; sleeping {delay:.2f}s")
                    delay *= 2
            raise PermanentError(f"{fn.__name__} gave up after {attempts} attempts")
        return wrapper
    return decorator


calls = {"fetch": 0}


@retry(attempts=4)
def fetch(url: str) -> str:
    """Pretend to fetch a URL; fails twice first."""
    calls["fetch"] += 1
    if calls["fetch"] < 3:
        raise TransientError(f"timeout contacting {url}")
    return f"<html>{url}</html>"


@retry(attempts=2)
def always_fails():
    raise TransientError("service unavailable")


def parse_config(text):
    try:
        key, value = text.split("=")
        return {key.strip(): int(value)}
    except ValueError as exc:
        raise RuntimeError(f"bad config line {text!r}") from exc


def main():
    print(fetch("https://example.com"), fetch.__name__, fetch.__doc__)
    try:
        always_fails()
    except PermanentError as e:
        print("permanent:", e, "| cause:", e.__cause__, "| context:", type(e.__context__).__name__)
    try:
        parse_config("retries = three")
    except RuntimeError as e:
        print("error:", e)
        print("cause:", repr(e.__cause__))
        lines = traceback.format_exception_only(type(e), e)
        print("only:", lines)
        tb = traceback.format_exc()
        print("last line:", tb.strip().splitlines()[-1])
        print("mentions cause:", "direct cause" in tb)
    try:
        {"a": 1}["b"]
    except KeyError:
        exc_type, exc, tb = sys.exc_info()
        print(exc_type.__name__, exc, exc.args, tb is not None)
        frames = traceback.extract_tb(tb)
        print(len(frames), frames[-1].name, frames[-1].line)
    errors = []
    for raw in ["1", "x", "3", None]:
        try:
            errors.append(int(raw))
        except (TypeError, ValueError) as e:
            errors.append(f"{type(e).__name__}: {e}")
    print(errors)
    e = ValueError("bad", 42)
    print(e, repr(e), e.args, str(Exception()), repr(Exception()))
    note = ValueError("with note")
    note.add_note("extra context")
    print(note.__notes__, traceback.format_exception_only(note))


if __name__ == "__main__":
    main()
