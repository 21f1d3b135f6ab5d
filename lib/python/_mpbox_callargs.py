# The texts of errors in a call's arguments, as CPython words them ("f()
# missing 1 required positional argument: 'b'"), for guest/errtext: its
# raises ask lib/python/_mpbox_exc.py's _call_text, which imports this
# module at the first such error. kind (the numbers guest/errtext uses),
# the bytecode function, and two numbers: counts, a name's qstr, or a code
# state's address / 4. The answer is the text as bytes (NUL-terminated,
# '%' doubled for the formats) or None for MicroPython's own.
# Written for mpbox.
_CALL_TAKES, _CALL_MISSING_POS, _CALL_UNEXPECTED_KW, _CALL_MULTIPLE, _CALL_MISSING_KW, _CALL_NO_KWONLY = range(1, 7)
_call_texts = {}  # the plain texts handed over stay alive: the exception points into them
_call_last = [None]  # a format's text, alive until the guest has formatted it


def _names_list(names):
    q = ["'%s'" % n for n in names]
    if len(q) < 3:
        return ' and '.join(q)
    return ', '.join(q[:-1]) + ', and ' + q[-1]


def _missing(fname, what, names):
    return '%s() missing %d required %s argument%s: %s' % (
        fname, len(names), what, '' if len(names) == 1 else 's', _names_list(names))


def _call_message(kind, f, a, b):
    import _mpbox_funcattrs as fa
    from uctypes import bytearray_at
    fun, _ = fa._parts(f)
    flags, n_pos, n_kwonly, n_def, _, names = fa._signature(fun)
    free = 0  # a closure's cells come first, as parameters named '*'
    while free < n_pos and names[free] == fa._STAR:
        free += 1
    fname = fa.qualname(f)
    pos = [fa._name(q) for q in names[free:n_pos]]
    kwonly = [fa._name(q) for q in names[n_pos:]]
    if kind == _CALL_TAKES:
        expected, given = a - free, b - free
        if given < expected:
            return _missing(fname, 'positional', pos[given:expected])
        n = len(pos)
        takes = '%d' % n if not n_def else 'from %d to %d' % (n - n_def, n)
        return '%s() takes %s positional argument%s but %d %s given' % (
            fname, takes, '' if n == 1 and not n_def else 's', given, 'was' if given == 1 else 'were')
    if kind == _CALL_UNEXPECTED_KW:
        return "%s() got an unexpected keyword argument '%s'" % (fname, fa._name(a))
    if kind == _CALL_MULTIPLE:
        return "%s() got multiple values for argument '%s'" % (fname, fa._name(a))
    if kind == _CALL_NO_KWONLY:
        kwdefaults = fa._object(fa._word(fun + 16 + 4 * n_def)) if flags & fa._DEFKWARGS else {}
        return _missing(fname, 'keyword-only', [k for k in kwonly if k not in kwdefaults])
    # the code state {fun_bc, ip, sp, n_state (16 bits), ...}: argument j
    # in state[n_state - 1 - j], state[0] at sp + 4; a word 0 is missing
    cs = 4 * a
    n_state = int.from_bytes(bytearray_at(cs + 12, 2), 'little')
    top = fa._word(cs + 8) + 4 * (n_state + 1)  # &state[n_state]

    def given(j):
        return fa._word(top - 4 * (j + 1)) != 0
    if kind == _CALL_MISSING_POS:
        return _missing(fname, 'positional', [pos[j - free] for j in range(free, n_pos) if not given(j)])
    if kind == _CALL_MISSING_KW:
        kwdefaults = fa._object(fa._word(fun + 16 + 4 * n_def)) if flags & fa._DEFKWARGS else {}
        return _missing(fname, 'keyword-only', [kwonly[i] for i in range(n_kwonly)
                                                 if not given(n_pos + i) and kwonly[i] not in kwdefaults])
    return None


def text(kind, f, a, b):
    try:
        msg = _call_message(kind, f, a, b)
    except Exception:
        return None
    if msg is None:
        return None
    if kind == _CALL_NO_KWONLY:
        data = msg.encode() + b'\x00'
        return _call_texts.setdefault(data, data)
    data = msg.replace('%', '%%').encode() + b'\x00'
    _call_last[0] = data
    return data
