class E(Exception):
    def __repr__(self): raise ValueError(self)
class B:
    def __str__(self): return '%s' % (self,)
try:
    raise KeyError(B())
except KeyError:
    raise E() from ValueError(B())
