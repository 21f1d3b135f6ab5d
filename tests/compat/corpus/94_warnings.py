# Warnings captured and turned into errors.
import warnings
def old_api(x):
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return x * 2
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(old_api(21))
    print(len(caught), caught[0].category.__name__, str(caught[0].message))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        old_api(1)
    except DeprecationWarning as exc:
        print("raised:", exc)
print(issubclass(DeprecationWarning, Warning), issubclass(UserWarning, Warning))
