# Logging to stdout with a format.
import logging
import sys
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
log = logging.getLogger("app")
log.debug("hidden")
log.info("starting %d workers", 4)
log.warning("disk at %s%%", 91)
log.error("failed: %r", "boom")
child = logging.getLogger("app.db")
child.info("connected")
child.setLevel(logging.ERROR)
child.warning("not shown")
print(logging.getLevelName(logging.WARNING), log.getEffectiveLevel(), child.getEffectiveLevel())
try:
    1 / 0
except ZeroDivisionError as exc:
    log.error("math went wrong: %s", exc)
fmt = logging.Formatter("{levelname:<8}|{name}|{message}", style="{")
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(fmt)
audit = logging.getLogger("audit")
audit.addHandler(handler)
audit.propagate = False
audit.warning("user %s logged in", "kim")
adapter = logging.LoggerAdapter(audit, {"request": 7})
adapter.error("request failed")
