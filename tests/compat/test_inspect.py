"""inspect: signature() with Parameter, Signature and BoundArguments, the
is*() predicates, getmembers, getdoc, cleandoc, getsource, getfullargspec."""
import functools
import inspect
from typing import List, Optional


class Robot:
    """A simple robot."""
    species = 'bot'

    def __init__(self, name, power=100):
        self.name = name
        self.power = power

    def move(self, steps: int = 1, *, fast: bool = False) -> str:
        """Move some steps.

        Faster when asked.
        """
        return '%s moves %d' % (self.name, steps)

    @staticmethod
    def make(name: str) -> 'Robot':
        return Robot(name)

    @classmethod
    def build(cls, *parts: str, **options):
        return cls('built')


def plain(a, b=2, *args, c, d=4, **kw):
    return a


def typed(items: List[int], limit: Optional[int] = None) -> List[int]:
    return items[:limit]


def only_pos(a, b, /, c, *, d=1):
    return a + b + c + d


def gen(n):
    yield n


async def fetch(url: str) -> bytes:
    return b''


r = Robot('R2')
print(inspect.signature(Robot.move))
print(inspect.signature(r.move))
print(inspect.signature(Robot))
print(inspect.signature(Robot.make), inspect.signature(Robot.build))
print(inspect.signature(plain))
print(inspect.signature(typed))
print(inspect.signature(only_pos))
print(inspect.signature(lambda x, y=3: x))
sig = inspect.signature(Robot.move)
for name, param in sig.parameters.items():
    print(' ', name, param.kind, param.kind.name, repr(param.default), param.annotation)
print(sig.return_annotation, sig.parameters['steps'].default, repr(sig.parameters['steps']))
print(repr(sig), sig.parameters['self'].default is inspect.Parameter.empty)
print(str(inspect.Parameter.KEYWORD_ONLY), inspect.Parameter.KEYWORD_ONLY.description)

b = inspect.signature(plain).bind(1, 2, 3, c=5, z=9)
print(b.arguments, b.args, b.kwargs)
b.apply_defaults()
print(b.arguments)
print(inspect.signature(plain).bind_partial(1).arguments)
for args, kwargs in (((), {}), ((1, 2), {'b': 3, 'c': 1}), ((1,), {'c': 1, 'e': 2})):
    try:
        inspect.signature(plain if 'e' not in kwargs else only_pos).bind(*args, **kwargs)
    except TypeError as e:
        print('TypeError:', e)
try:
    inspect.signature(only_pos).bind(1, b=2, c=3)
except TypeError as e:
    print('TypeError:', e)


def checked(fn):
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        for name, value in bound.arguments.items():
            want = sig.parameters[name].annotation
            if want is not inspect.Parameter.empty and not isinstance(value, want):
                raise TypeError('%s must be %s' % (name, want.__name__))
        return fn(*args, **kwargs)
    return wrapper


@checked
def area(w: int, h: int = 2) -> int:
    return w * h


print(area(3), inspect.signature(area))
try:
    area('3')
except TypeError as e:
    print('TypeError:', e)

p = inspect.Parameter('x', inspect.Parameter.POSITIONAL_OR_KEYWORD, default=1, annotation=int)
s = inspect.Signature([p, inspect.Parameter('rest', inspect.Parameter.VAR_KEYWORD)], return_annotation=str)
print(p, s, s.replace(return_annotation=inspect.Signature.empty))
try:
    inspect.Signature([p, inspect.Parameter('y', inspect.Parameter.POSITIONAL_OR_KEYWORD)])
except ValueError as e:
    print('ValueError:', e)
print(inspect.signature(functools.partial(plain, 1, c=3)))

print(inspect.isclass(Robot), inspect.isfunction(Robot.move), inspect.ismethod(r.move))
print(inspect.isfunction(r.move), inspect.ismethod(Robot.move), inspect.isbuiltin(len), inspect.isbuiltin(plain))
print(inspect.isroutine(len), inspect.isroutine(plain), inspect.isroutine(r), inspect.ismodule(inspect))
print(inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(plain), inspect.isgenerator(gen(1)))
print(inspect.iscoroutinefunction(fetch), inspect.iscoroutinefunction(gen), inspect.isgeneratorfunction(fetch))
print(inspect.getmembers(r, lambda v: isinstance(v, int)))
print([n for n, v in inspect.getmembers(Robot) if not n.startswith('_')])
print(inspect.getdoc(Robot.move))
print(repr(inspect.cleandoc('''
    First.
      indented
    last
''')))
print(inspect.getsource(typed), end='')
print(inspect.getsource(Robot.make), end='')
print(inspect.getmodule(Robot).__name__, inspect.getmro(bool))
spec = inspect.getfullargspec(plain)
print(spec.args, spec.varargs, spec.varkw, spec.defaults, spec.kwonlyargs, spec.kwonlydefaults)
print(inspect.getfullargspec(typed).annotations)
print(inspect.unwrap(area) is area.__wrapped__)
