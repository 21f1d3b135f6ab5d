"""ETL job with structured logging to stdout: levels, formatters, filters and per-module loggers."""
import json
import logging
import sys
from dataclasses import dataclass
from typing import List


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {"level": record.levelname, "logger": record.name, "msg": record.getMessage()}
        if record.exc_info:
            payload["error"] = repr(record.exc_info[1])
        return json.dumps(payload)


class OnlyErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


@dataclass
class Row:
    id: int
    amount: str


def setup() -> logging.Logger:
    root = logging.getLogger("etl")
    root.setLevel(logging.DEBUG)
    plain = logging.StreamHandler(sys.stdout)
    plain.setLevel(logging.INFO)
    plain.setFormatter(logging.Formatter("%(levelname)-8s %(name)s: %(message)s"))
    errors = logging.StreamHandler(sys.stdout)
    errors.setFormatter(JsonFormatter())
    errors.addFilter(OnlyErrors())
    root.addHandler(plain)
    root.addHandler(errors)
    return root


def transform(rows: List[Row], log: logging.Logger) -> List[float]:
    out = []
    for row in rows:
        try:
            value = float(row.amount.replace("$", ""))
        except ValueError as exc:
            log.error("row %d: cannot parse %r (%s)", row.id, row.amount, exc)
            continue
        if value < 0:
            log.warning("row %d: negative amount %.2f", row.id, value)
        log.debug("row %d ok", row.id)
        out.append(value)
    return out


def main():
    log = setup()
    extract = log.getChild("extract")
    load = logging.getLogger("etl.load")
    rows = [Row(1, "$10.50"), Row(2, "abc"), Row(3, "-4"), Row(4, "$7")]
    extract.info("extracted %d rows", len(rows))
    values = transform(rows, logging.getLogger("etl.transform"))
    load.info("loading %s", values)
    if sum(values) < 20:
        load.error("total too small: %.2f", sum(values))
    log.critical("done with %d/%d rows", len(values), len(rows))
    print(extract.name, extract.parent.name, load.getEffectiveLevel(), logging.getLevelName(30), logging.getLevelName("ERROR"))
    print(log.isEnabledFor(logging.DEBUG), len(log.handlers), logging.getLogger("etl") is log)
    logging.getLogger("etl").handlers.clear()
    logging.basicConfig(stream=sys.stdout, level=logging.WARNING, format="%(levelname)s:%(name)s:%(message)s")
    logging.warning("root warning %s", "here")
    logging.info("not shown")
    logging.getLogger("other").error("other %d", 5)


if __name__ == "__main__":
    main()
