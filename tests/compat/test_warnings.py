# warnings: filters, actions, catch_warnings(record=True), categories.
import warnings

print(issubclass(DeprecationWarning, Warning), issubclass(Warning, Exception),
      issubclass(UserWarning, Warning), RuntimeWarning.__name__)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('first')
    warnings.warn('second', DeprecationWarning)
    warnings.warn(RuntimeWarning('an instance'))
    print(len(w), [x.category.__name__ for x in w], [str(x.message) for x in w])
    print(type(w[0].message).__name__, w[1].message.args)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('default')
    for i in range(3):
        warnings.warn('repeated')
    warnings.warn('other')
    print(len(w))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('ignore')
    warnings.warn('hidden')
    print(len(w))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.filterwarnings('ignore', message='skip.*')
    warnings.filterwarnings('error', category=FutureWarning)
    warnings.warn('skip me')
    warnings.warn('keep me')
    try:
        warnings.warn('future', FutureWarning)
    except FutureWarning as e:
        print('raised', e)
    print([str(x.message) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter('error')
    try:
        warnings.warn('boom', UserWarning)
    except UserWarning as e:
        print('UserWarning:', e)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('once')
    warnings.warn('once only')
    warnings.warn('once only')
    print(len(w))
for bad in [lambda: warnings.simplefilter('sometimes'), lambda: warnings.warn('x', int)]:
    try:
        bad()
    except (AssertionError, TypeError) as e:
        print(type(e).__name__, e)
print(warnings.formatwarning('msg', UserWarning, 'f.py', 3).strip())
