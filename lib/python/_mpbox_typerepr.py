# repr() of classes as CPython writes it: <class '__main__.Foo'>,
# <class 'collections.OrderedDict'>; built-in types keep <class 'int'>.
# guest/typerepr asks this module's hook for the text each time a class is
# printed; the hook answers the whole text as NUL-terminated bytes (a '%'
# doubled: the guest uses it as a printf format), or None for a class
# without a __module__ (the built-in types), which then print as before.
# A library class may give its own text in its __mpbox_repr__ (enum's
# member classes: <enum 'Color'>).
# The answers are kept per class: they stay alive while the guest prints
# them, and a class is looked up once. The hook is handed to the guest
# while the start-up image is built (lib/python/_preload.txt loads this
# module then).
# Written for mpbox.

_texts = {}


def _qualname(cls, own, module):
    name = own.get('__qualname__')
    if type(name) is not str:
        name = cls.__name__
    if module == '__main__' and name == cls.__name__:
        # MicroPython's __qualname__ is the bare name; the source has the
        # enclosing classes and functions
        try:
            import _classbody
            name = _classbody.qualname(cls)
        except Exception:
            pass
    return name


def _type_repr(cls):
    text = _texts.get(cls)
    if text is not None:
        return text
    try:
        own = cls.__dict__
        module = own.get('__module__')
    except Exception:
        return None
    if type(module) is not str or module == 'builtins':
        return None
    try:
        text = own.get('__mpbox_repr__')  # a library class's own text (enum)
        if type(text) is not str:
            text = "<class '%s.%s'>" % (module, _qualname(cls, own, module))
        text = text.replace('%', '%%')
        text = text.encode() + b'\x00'
    except Exception:
        return None
    _texts[cls] = text
    return text


def _register():
    import js
    js.mpbox_internal('type_repr_hook', '%d' % id(_type_repr))


_register()
del _register
