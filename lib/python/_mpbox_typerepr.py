# repr() of classes as CPython writes it: <class '__main__.Foo'>,
# <class 'collections.OrderedDict'>; built-in types keep <class 'int'>.
# guest/typerepr asks this module's hook for the text each time a class is
# printed; the hook answers the whole text as NUL-terminated bytes (a '%'
# doubled: the guest uses it as a printf format), or None for a class
# without a __module__ (the built-in types), which then print as before.
# A library class may give its own text in its __mpbox_repr__ (enum's
# member classes: <enum 'Color'>).
# Asked for an instance (a second argument, true) of a class without
# __repr__/__str__, it answers the format of CPython's default repr,
# "<__main__.Plain object at 0x%.0s%p>" (the guest's arguments are the
# class's name, skipped, and the address). The answers are kept per class
# and kind: they stay alive while the guest prints them, and a class is
# looked up once. The hook is handed to the guest
# while the start-up image is built (lib/python/_preload.txt loads this
# module then).
# Written for mpbox.

_texts = {}
_object_texts = {}


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


def qualname(cls):
    # the class's qualified name, as CPython's __qualname__
    try:
        own = cls.__dict__
        return _qualname(cls, own, own.get('__module__'))
    except Exception:
        return cls.__name__


def _type_repr(cls, instance=0):
    if instance:
        cls = type(cls)
    texts = _object_texts if instance else _texts
    text = texts.get(cls)
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
        text = None if instance else own.get('__mpbox_repr__')  # a library class's own text (enum)
        if type(text) is not str:
            name = '%s.%s' % (module, _qualname(cls, own, module))
            text = ('<%s object at 0x\0.0s\0p>' if instance else "<class '%s'>") % name
        text = text.replace('%', '%%').replace('\0', '%')
        text = text.encode() + b'\x00'
    except Exception:
        return None
    texts[cls] = text
    return text


def _register():
    import js
    js.mpbox_internal('type_repr_hook', '%d' % id(_type_repr))


_register()
del _register
