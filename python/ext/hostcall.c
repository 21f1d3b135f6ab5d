/*
 * hostcall.c — Python callables as host functions. The C library calls
 * host_call on the thread of the run, with the GIL released by that run: it
 * takes the GIL back, decodes the arguments with json.loads, calls the
 * function, and answers with its result as JSON or with its exception.
 */
#include "ext.h"

/* One registration. The record's address is the C library's `user`
 * pointer, so it lives as long as the session (replacing a function swaps
 * fn in place). */
struct ext_hostfn {
    ext_hostfn *next;
    SessionObject *owner; /* borrowed: the session outlives its records */
    PyObject *fn;
    char name[];
};

/* Exception types the C library raises in the guest by name
 * (mpbox_reply_error); others become RuntimeError("Type: message"). */
static const char *const GUEST_TYPES[] = {
    "ValueError", "TypeError", "KeyError", "IndexError", "LookupError", "RuntimeError",
    "NameError", "AttributeError", "NotImplementedError", "OSError", "OverflowError",
    "ZeroDivisionError", "ArithmeticError", "AssertionError", "EOFError", "ImportError",
    "UnicodeError", "Exception",
};

/* The exception currently set, normalised, with its traceback; cleared. */
static PyObject *take_exception(void)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && value)
        PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
}

/* "ValueError" for builtins.ValueError, "JSONDecodeError" for
 * json.decoder.JSONDecodeError. */
static const char *short_type_name(PyTypeObject *t)
{
    const char *dot = strrchr(t->tp_name, '.');
    return dot ? dot + 1 : t->tp_name;
}

static int guest_type(const char *name)
{
    for (size_t i = 0; i < sizeof GUEST_TYPES / sizeof GUEST_TYPES[0]; i++)
        if (strcmp(GUEST_TYPES[i], name) == 0)
            return 1;
    return 0;
}

int ext_map_exception(PyObject *exc, PyObject **type_name, PyObject **message)
{
    PyTypeObject *own = Py_TYPE(exc);
    const char *name = short_type_name(own);
    /* A builtin type the guest knows, or the nearest builtin base it knows
     * (FileNotFoundError -> OSError, JSONDecodeError -> ValueError). */
    if (!(own->tp_flags & Py_TPFLAGS_HEAPTYPE) && guest_type(name)) {
        *type_name = PyUnicode_FromString(name);
    } else {
        *type_name = NULL;
        PyObject *mro = own->tp_mro;
        for (Py_ssize_t i = 1; mro && i < PyTuple_GET_SIZE(mro); i++) {
            PyTypeObject *base = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
            const char *bn = short_type_name(base);
            if (base == (PyTypeObject *)PyExc_Exception || base == (PyTypeObject *)PyExc_BaseException)
                break;
            if (!(base->tp_flags & Py_TPFLAGS_HEAPTYPE) && guest_type(bn)) {
                *type_name = PyUnicode_FromString(bn);
                break;
            }
        }
        if (!*type_name && !PyErr_Occurred())
            *type_name = PyUnicode_FromString(name);
    }
    if (!*type_name)
        return -1;
    /* The message: the single str argument as given (KeyError('k') -> 'k',
     * which the guest's KeyError shows as CPython does), else str(exc). */
    PyObject *args = PyObject_GetAttrString(exc, "args");
    if (args && PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 1 && PyUnicode_Check(PyTuple_GET_ITEM(args, 0)))
        *message = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    else {
        PyErr_Clear();
        *message = PyObject_Str(exc);
    }
    Py_XDECREF(args);
    if (!*message) {
        Py_CLEAR(*type_name);
        return -1;
    }
    return 0;
}

/* Reply with the exception currently set (cleared). Exceptions that are not
 * Exceptions (KeyboardInterrupt, SystemExit) stop the run and are re-raised
 * by Session.run once it returns. */
static void reply_exception(ext_hostfn *h, mpbox_call *call)
{
    SessionObject *self = h->owner;
    PyObject *exc = take_exception();
    if (!exc) {
        mpbox_reply_error(call, "RuntimeError", "host function failed");
        return;
    }
    if (!PyErr_GivenExceptionMatches(exc, PyExc_Exception)) {
        if (!self->pending)
            self->pending = Py_NewRef(exc);
        if (self->s)
            mpbox_session_interrupt(self->s);
        mpbox_reply_error(call, "RuntimeError", "host function interrupted");
        Py_DECREF(exc);
        return;
    }
    PyObject *tname = NULL, *msg = NULL;
    const char *t, *m;
    if (ext_map_exception(exc, &tname, &msg) == 0 && (t = PyUnicode_AsUTF8(tname)) &&
        (m = PyUnicode_AsUTF8(msg))) {
        mpbox_reply_error(call, t, m);
    } else {
        PyErr_Clear();
        mpbox_reply_error(call, "RuntimeError", "host function raised an exception that cannot be shown");
    }
    Py_XDECREF(tname);
    Py_XDECREF(msg);
    Py_XSETREF(self->host_exc, exc);
}

/* Call h->fn with the arguments in args_json ({"args": [...], "kwargs":
 * {...}}, checked canonical JSON) and reply. GIL held. */
static void call_with_gil(ext_hostfn *h, const char *args_json, size_t len, mpbox_call *call)
{
    PyObject *text = NULL, *req = NULL, *args = NULL, *value = NULL, *out = NULL;
    if (h->owner->pending) {
        /* The run is being stopped for a KeyboardInterrupt: call nothing. */
        mpbox_reply_error(call, "RuntimeError", "host function interrupted");
        return;
    }
    /* A call without arguments needs no JSON decoding (the text is
     * canonical, so this is its only spelling). */
    static const char NO_ARGS[] = "{\"args\":[],\"kwargs\":{}}";
    if (len == sizeof NO_ARGS - 1 && memcmp(args_json, NO_ARGS, len) == 0) {
        value = PyObject_CallNoArgs(h->fn);
    } else {
        if (!(text = PyUnicode_DecodeUTF8(args_json, (Py_ssize_t)len, "strict")) ||
            !(req = PyObject_CallOneArg(ext_json_loads, text)))
            goto fail;
        PyObject *a = PyDict_Check(req) ? PyDict_GetItemString(req, "args") : NULL;
        PyObject *kw = PyDict_Check(req) ? PyDict_GetItemString(req, "kwargs") : NULL;
        if (!a || !PyList_Check(a) || !kw || !PyDict_Check(kw)) {
            PyErr_SetString(PyExc_RuntimeError, "mpbox: malformed host call arguments");
            goto fail;
        }
        if (!(args = PyList_AsTuple(a)))
            goto fail;
        value = PyObject_Call(h->fn, args, PyDict_GET_SIZE(kw) ? kw : NULL);
    }
    if (!value)
        goto fail;
    if (value == Py_None) { /* the common "no result" needs no encoding */
        mpbox_reply_json(call, "null", 4);
        goto done;
    }
    if (!(out = PyObject_CallOneArg(ext_json_dumps_compact, value))) {
        if (!PyErr_ExceptionMatches(PyExc_TypeError) && !PyErr_ExceptionMatches(PyExc_ValueError))
            goto fail;
        /* Not JSON: TypeError in the guest, naming the function. */
        PyObject *exc = take_exception();
        PyObject *why = PyObject_Str(exc);
        PyObject *msg = why ? PyUnicode_FromFormat("host function '%s' returned a value that is not JSON: %U",
                                                   h->name, why) : NULL;
        const char *m = msg ? PyUnicode_AsUTF8(msg) : NULL;
        if (m)
            mpbox_reply_error(call, "TypeError", m);
        else
            mpbox_reply_error(call, "TypeError", "host function returned a value that is not JSON");
        PyErr_Clear();
        Py_XDECREF(msg);
        Py_XDECREF(why);
        Py_DECREF(exc);
        goto done;
    }
    Py_ssize_t n;
    const char *json = PyUnicode_AsUTF8AndSize(out, &n);
    if (!json) {
        /* A str with a lone surrogate cannot be UTF-8: the guest could not
         * hold it either. */
        PyErr_Clear();
        mpbox_reply_error(call, "ValueError", "host function returned a str with a lone surrogate");
        goto done;
    }
    /* Refused replies (too large, too deep, huge ints) become the C
     * library's RuntimeError "... returned invalid JSON: <reason>". */
    mpbox_reply_json(call, json, (size_t)n);
    goto done;
fail:
    reply_exception(h, call);
done:
    Py_XDECREF(out);
    Py_XDECREF(value);
    Py_XDECREF(args);
    Py_XDECREF(req);
    Py_XDECREF(text);
}

static int host_call(void *user, const char *args_json, size_t len, mpbox_call *call)
{
    ext_hostfn *h = user;
    SessionObject *self = h->owner;
    PyThreadState *ts = self->tstate;
    /* This thread released the GIL for the run (session.c saves its thread
     * state); a run never happens without it. */
    if (!ts)
        return 1;
    self->tstate = NULL;
    PyEval_RestoreThread(ts);
    call_with_gil(h, args_json, len, call);
    self->tstate = PyEval_SaveThread();
    return 0;
}

int ext_hostfn_register(SessionObject *self, const char *name, PyObject *fn)
{
    if (!PyCallable_Check(fn)) {
        PyErr_Format(PyExc_TypeError, "host function '%s' is not callable", name);
        return -1;
    }
    for (ext_hostfn *h = self->hostfns; h; h = h->next)
        if (strcmp(h->name, name) == 0) {
            Py_SETREF(h->fn, Py_NewRef(fn));
            return 0;
        }
    size_t n = strlen(name);
    ext_hostfn *h = PyMem_Malloc(sizeof *h + n + 1);
    if (!h) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(h->name, name, n + 1);
    int rc = mpbox_session_register(self->s, name, host_call, h);
    if (rc != MPBOX_OK) {
        PyMem_Free(h);
        if (rc == MPBOX_MISUSE)
            PyErr_Format(PyExc_ValueError, "host function name '%s' is not a Python identifier", name);
        else
            ext_raise_rc(rc, "register");
        return -1;
    }
    h->owner = self;
    h->fn = Py_NewRef(fn);
    h->next = self->hostfns;
    self->hostfns = h;
    return 0;
}

int ext_hostfn_register_all(SessionObject *self, PyObject *fns)
{
    if (!fns || fns == Py_None)
        return 0;
    PyObject *items = PyMapping_Items(fns);
    if (!items) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError) || PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "host_functions must be a mapping of names to callables");
        }
        return -1;
    }
    int rc = 0;
    for (Py_ssize_t i = 0; rc == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        PyObject *k = PyTuple_GET_ITEM(kv, 0);
        const char *name = PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
        if (!name) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "host function names must be str");
            rc = -1;
        } else {
            rc = ext_hostfn_register(self, name, PyTuple_GET_ITEM(kv, 1));
        }
    }
    Py_DECREF(items);
    return rc;
}

PyObject *ext_hostfn_dict(SessionObject *self)
{
    PyObject *d = PyDict_New();
    for (ext_hostfn *h = self->hostfns; d && h; h = h->next)
        if (PyDict_SetItemString(d, h->name, h->fn) < 0)
            Py_CLEAR(d);
    return d;
}

void ext_hostfn_clear(SessionObject *self)
{
    ext_hostfn *h = self->hostfns;
    self->hostfns = NULL;
    while (h) {
        ext_hostfn *next = h->next;
        Py_DECREF(h->fn);
        PyMem_Free(h);
        h = next;
    }
}

int ext_hostfn_traverse(SessionObject *self, visitproc visit, void *arg)
{
    for (ext_hostfn *h = self->hostfns; h; h = h->next)
        Py_VISIT(h->fn);
    return 0;
}

Py_ssize_t ext_hostfn_count(SessionObject *self)
{
    Py_ssize_t n = 0;
    for (ext_hostfn *h = self->hostfns; h; h = h->next)
        n++;
    return n;
}
