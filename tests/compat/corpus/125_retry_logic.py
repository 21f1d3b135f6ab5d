# Retry with backoff and error classification.
class TransientError(Exception):
    pass
class PermanentError(Exception):
    pass
def flaky(results):
    it = iter(results)
    def call():
        r = next(it)
        if isinstance(r, Exception):
            raise r
        return r
    return call
def retry(fn, attempts=4, base=0.1):
    delays = []
    for i in range(attempts):
        try:
            return fn(), delays
        except TransientError as e:
            delays.append(round(base * 2 ** i, 3))
            print(f"attempt {i + 1} failed: {e}")
        except PermanentError as e:
            print("giving up:", repr(e))
            return None, delays
    raise RuntimeError(f"failed after {attempts} attempts")
print(retry(flaky([TransientError("timeout"), TransientError("503"), "ok"])))
print(retry(flaky([PermanentError("404")])))
try:
    retry(flaky([TransientError("x")] * 4))
except RuntimeError as e:
    print("RuntimeError:", e)
