# Introspection: type, isinstance, vars, dir, getattr/setattr/hasattr, inspect.
import inspect


class Robot:
    """A simple robot."""
    species = "bot"

    def __init__(self, name, power=100):
        self.name = name
        self.power = power

    def move(self, steps: int = 1, *, fast: bool = False) -> str:
        """Move some steps."""
        return f"{self.name} moves {steps}"

    class Part:
        pass


r = Robot("R2")
print(type(r), type(r).__name__, r.__class__.__name__, type(r) is Robot)
print(isinstance(r, Robot), isinstance(r, (int, Robot)), isinstance(3, (str, float)))
print(vars(r), r.__dict__ is vars(r))
print([n for n in dir(r) if not n.startswith("_")])
print(getattr(r, "name"), getattr(r, "missing", "n/a"), hasattr(r, "move"), hasattr(r, "fly"))
setattr(r, "color", "blue")
print(r.color, vars(r))
delattr(r, "color")
print(hasattr(r, "color"))
print(Robot.__name__, Robot.__qualname__, Robot.Part.__qualname__, Robot.move.__qualname__)
print(Robot.__module__, Robot.__doc__, Robot.move.__doc__)
print(inspect.signature(Robot.move))
print(inspect.signature(Robot))
sig = inspect.signature(Robot.move)
for name, param in sig.parameters.items():
    print(f"  {name}: kind={param.kind.name}, default={param.default!r}, annotation={param.annotation}")
print(sig.return_annotation)
print(inspect.isclass(Robot), inspect.isfunction(Robot.move), inspect.ismethod(r.move))
print(callable(getattr(r, "move")), getattr(r, "move")(3))
print(type(len).__name__, type(r.move).__name__, type(Robot.move).__name__, type(Robot).__name__)
print(type(3).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(print).__name__)
print(r.move.__self__ is r, r.move.__func__ is Robot.move)
print(Robot.__init__.__code__.co_varnames[:3], Robot.move.__defaults__, Robot.move.__kwdefaults__)
print(inspect.getmembers(r, lambda v: isinstance(v, int)))
print(sorted(k for k in Robot.__dict__ if not k.startswith("__")))
