/*
 * module.c — mpbox._mpbox: the process-wide runtime, the exceptions, limits
 * as keyword arguments, and module set-up.
 */
#include <math.h>

#include "ext.h"

/* One runtime per process: created at import, never freed (sessions may
 * outlive the module object until interpreter shutdown). */
mpbox_runtime *ext_runtime;
PyObject *ext_json_loads, *ext_json_dumps_compact;

PyObject *Ext_Error, *Ext_SessionClosed, *Ext_SessionLost, *Ext_SnapshotError;
PyObject *Ext_RunError, *Ext_GuestError;
static PyObject *Ext_RunTimeout, *Ext_OutOfMemory, *Ext_OutputTruncated, *Ext_GuestTrap,
    *Ext_Interrupted, *Ext_OutOfFuel;

PyObject *ext_error_for_status(int status)
{
    switch (status) {
    case MPBOX_STATUS_ERROR: return Ext_GuestError;
    case MPBOX_STATUS_TIMEOUT: return Ext_RunTimeout;
    case MPBOX_STATUS_OUT_OF_MEMORY: return Ext_OutOfMemory;
    case MPBOX_STATUS_OUTPUT_TRUNCATED: return Ext_OutputTruncated;
    case MPBOX_STATUS_TRAP: return Ext_GuestTrap;
    case MPBOX_STATUS_INTERRUPTED: return Ext_Interrupted;
    case MPBOX_STATUS_OUT_OF_FUEL: return Ext_OutOfFuel;
    case MPBOX_STATUS_OK: return NULL;
    default: return Ext_RunError;
    }
}

PyObject *ext_raise_rc(int rc, const char *what)
{
    switch (rc) {
    case MPBOX_NOMEM: return PyErr_NoMemory();
    case MPBOX_MISUSE: PyErr_Format(PyExc_ValueError, "%s: %s", what, mpbox_errstr(rc)); break;
    case MPBOX_LOST: PyErr_Format(Ext_SessionLost, "%s: %s", what, mpbox_errstr(rc)); break;
    default: PyErr_Format(Ext_Error, "%s: %s", what, mpbox_errstr(rc)); break;
    }
    return NULL;
}

/* ---- limits ---------------------------------------------------------------- */
enum limit_kind {
    KIND_COUNT,   /* a non-negative int */
    KIND_SECONDS, /* seconds (int or float) -> ms */
    KIND_FLAG,    /* a bool */
    KIND_OFF_NONE /* a positive int; None = no limit (0) */
};

static const struct {
    const char *name;
    int id;
    enum limit_kind kind;
} LIMITS[] = {
    {"memory", MPBOX_LIMIT_MEMORY, KIND_COUNT},
    {"timeout", MPBOX_LIMIT_TIMEOUT_MS, KIND_SECONDS},
    {"grace", MPBOX_LIMIT_GRACE_MS, KIND_SECONDS},
    {"max_stdout", MPBOX_LIMIT_STDOUT, KIND_COUNT},
    {"max_stderr", MPBOX_LIMIT_STDERR, KIND_COUNT},
    {"output_stop", MPBOX_LIMIT_OUTPUT_STOP, KIND_FLAG},
    {"rollback", MPBOX_LIMIT_ROLLBACK, KIND_FLAG},
    {"fuel", MPBOX_LIMIT_FUEL, KIND_OFF_NONE},
    {"deterministic", MPBOX_LIMIT_DETERMINISTIC, KIND_FLAG},
    {"seed", MPBOX_LIMIT_SEED, KIND_COUNT},
    {"files_bytes", MPBOX_LIMIT_FILES_BYTES, KIND_COUNT},
    {"files_count", MPBOX_LIMIT_FILES_COUNT, KIND_COUNT},
    {"host_arg_bytes", MPBOX_LIMIT_HOST_ARG_BYTES, KIND_COUNT},
    {"host_result_bytes", MPBOX_LIMIT_HOST_RESULT_BYTES, KIND_COUNT},
    {"host_depth", MPBOX_LIMIT_HOST_DEPTH, KIND_COUNT},
    {"host_calls", MPBOX_LIMIT_HOST_CALLS, KIND_COUNT},
};
#define NLIMITS (sizeof LIMITS / sizeof LIMITS[0])
_Static_assert(NLIMITS == EXT_NLIMITS, "EXT_NLIMITS matches the table");

int ext_limit_id(const char *name)
{
    for (size_t i = 0; i < NLIMITS; i++)
        if (strcmp(LIMITS[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The C value of Python value v for limit i, or -1 with an exception set. */
static int64_t limit_value(size_t i, PyObject *v)
{
    const char *name = LIMITS[i].name;
    switch (LIMITS[i].kind) {
    case KIND_FLAG:
        if (!PyBool_Check(v) && !PyLong_Check(v))
            goto type;
        return PyObject_IsTrue(v) ? 1 : 0;
    case KIND_SECONDS: {
        int positive = LIMITS[i].id == MPBOX_LIMIT_TIMEOUT_MS; /* timeout: > 0 or None */
        if (positive && v == Py_None)
            return 0;
        if ((!PyLong_Check(v) && !PyFloat_Check(v)) || PyBool_Check(v))
            goto type;
        double sec = PyFloat_AsDouble(v);
        if (sec == -1.0 && PyErr_Occurred())
            return -1;
        if (!isfinite(sec) || sec < 0 || (positive && sec <= 0) || sec * 1000.0 > (double)MPBOX_MAX_TIMEOUT_MS) {
            PyErr_Format(PyExc_ValueError, "%s must be a number of seconds %s (got %R)", name,
                         positive ? "> 0, or None for no limit" : ">= 0", v);
            return -1;
        }
        int64_t ms = (int64_t)llround(sec * 1000.0);
        return positive && ms == 0 ? 1 : ms; /* a positive timeout is at least 1 ms */
    }
    case KIND_OFF_NONE:
        if (v == Py_None)
            return 0;
        /* fall through */
    case KIND_COUNT: {
        if (!PyLong_Check(v) || PyBool_Check(v))
            goto type;
        int overflow = 0;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (x == -1 && PyErr_Occurred())
            return -1;
        if (overflow || x < 0 || (LIMITS[i].kind == KIND_OFF_NONE && x == 0)) {
            PyErr_Format(PyExc_ValueError, "%s: %R is out of range", name, v);
            return -1;
        }
        return x;
    }
    }
type:
    PyErr_Format(PyExc_TypeError, "%s: unexpected value %R", name, v);
    return -1;
}

static PyObject *limit_object(size_t i, int64_t v)
{
    switch (LIMITS[i].kind) {
    case KIND_FLAG: return PyBool_FromLong(v != 0);
    case KIND_SECONDS:
        if (v == 0 && LIMITS[i].id == MPBOX_LIMIT_TIMEOUT_MS)
            Py_RETURN_NONE;
        return PyFloat_FromDouble((double)v / 1000.0);
    case KIND_OFF_NONE:
        if (v == 0)
            Py_RETURN_NONE;
        /* fall through */
    default: return PyLong_FromLongLong(v);
    }
}

int ext_parse_limits(PyObject *kwargs, ext_limit *out)
{
    int n = 0;
    if (!kwargs)
        return 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        if (!name)
            return PyErr_Occurred() ? -1 : (PyErr_SetString(PyExc_TypeError, "keywords must be strings"), -1);
        int i = ext_limit_id(name);
        if (i < 0) {
            PyErr_Format(PyExc_TypeError, "unexpected keyword argument '%s' (limits: memory, timeout, grace, "
                         "max_stdout, max_stderr, output_stop, rollback, fuel, deterministic, seed, files_bytes, "
                         "files_count, host_arg_bytes, host_result_bytes, host_depth, host_calls)", name);
            return -1;
        }
        if (n == EXT_NLIMITS) {
            PyErr_SetString(PyExc_TypeError, "too many limits");
            return -1;
        }
        int64_t v = limit_value((size_t)i, value);
        if (v < 0)
            return -1;
        out[n].index = i;
        out[n].value = v;
        out[n].given = value;
        n++;
    }
    return n;
}

int ext_limit_cid(const ext_limit *l)
{
    return LIMITS[l->index].id;
}

int ext_set_limits(mpbox_session *s, const ext_limit *l, int n)
{
    for (int i = 0; i < n; i++)
        if (mpbox_session_limit(s, LIMITS[l[i].index].id, l[i].value) < 0)
            return i;
    return -1;
}

PyObject *ext_limit_error(const ext_limit *l)
{
    int id = LIMITS[l->index].id;
    if (id == MPBOX_LIMIT_FUEL && !mpbox_has_fuel())
        PyErr_Format(PyExc_ValueError, "fuel: this build of mpbox has no fuel metering");
    else if (id == MPBOX_LIMIT_MEMORY)
        PyErr_Format(PyExc_ValueError, "memory: %R is out of range (%u to %llu bytes)", l->given,
                     MPBOX_MIN_MEMORY, (unsigned long long)MPBOX_MAX_MEMORY);
    else
        PyErr_Format(PyExc_ValueError, "%s: %R is out of range", LIMITS[l->index].name, l->given);
    return NULL;
}

int ext_apply_limits(mpbox_session *s, PyObject *kwargs)
{
    ext_limit l[EXT_NLIMITS];
    int n = ext_parse_limits(kwargs, l);
    if (n < 0)
        return -1;
    int bad = ext_set_limits(s, l, n);
    if (bad >= 0) {
        ext_limit_error(&l[bad]);
        return -1;
    }
    return 0;
}

PyObject *ext_limits_dict(mpbox_session *s)
{
    PyObject *d = PyDict_New();
    for (size_t i = 0; d && i < NLIMITS; i++) {
        PyObject *v = limit_object(i, mpbox_session_limit(s, LIMITS[i].id, -1));
        if (!v || PyDict_SetItemString(d, LIMITS[i].name, v) < 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

/* ---- module ------------------------------------------------------------------ */
static PyObject *has_fuel(PyObject *m, PyObject *unused)
{
    return PyBool_FromLong(mpbox_has_fuel());
}

static PyMethodDef module_methods[] = {
    {"run", (PyCFunction)(void (*)(void))ext_run_once, METH_VARARGS | METH_KEYWORDS,
     "run(code, *, host_functions=None, return_value=False, echo=False, **limits) -> Result\n\n"
     "Run code once in a fresh session with the given limits and destroy it."},
    {"has_fuel", has_fuel, METH_NOARGS, "True when this build meters fuel (the fuel= limit)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "mpbox._mpbox",
    "The C part of mpbox: run untrusted Python in MicroPython sandboxes inside this process.",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

static PyObject *new_error(PyObject *m, const char *name, PyObject *bases, const char *doc)
{
    char full[64];
    snprintf(full, sizeof full, "mpbox.%s", name);
    PyObject *e = PyErr_NewExceptionWithDoc(full, doc, bases, NULL);
    if (e && PyModule_AddObjectRef(m, name, e) < 0)
        Py_CLEAR(e);
    return e;
}

static PyObject *bases2(PyObject *a, PyObject *b)
{
    return PyTuple_Pack(2, a, b);
}

static int add_errors(PyObject *m)
{
    if (!(Ext_Error = new_error(m, "Error", PyExc_Exception, "Base class of mpbox's exceptions.")))
        return -1;
    PyObject *b;
    if (!(Ext_SessionClosed = new_error(m, "SessionClosed", Ext_Error, "The session was closed.")))
        return -1;
    if (!(Ext_SessionLost = new_error(m, "SessionLost", Ext_Error,
                                      "The session was lost by an earlier run (hard stop or trap without "
                                      "rollback) and refuses further runs.")))
        return -1;
    if (!(b = bases2(Ext_Error, PyExc_ValueError)))
        return -1;
    Ext_SnapshotError = new_error(m, "SnapshotError", b,
                                  "A snapshot was refused: truncated, corrupted, or of another format or build.");
    Py_DECREF(b);
    if (!Ext_SnapshotError)
        return -1;
    if (!(Ext_RunError = new_error(m, "RunError", Ext_Error,
                                   "Raised by Result.raise_for_status() for a run that did not end with "
                                   "status 'ok'. The result is in .result.")))
        return -1;
    if (!(Ext_GuestError = new_error(m, "GuestError", Ext_RunError,
                                     "The guest program raised an exception it did not catch (.type, "
                                     ".message, .traceback, .hint). When it came from a host function, the "
                                     "original Python exception is its __cause__.")))
        return -1;
    if (!(b = bases2(Ext_RunError, PyExc_TimeoutError)))
        return -1;
    Ext_RunTimeout = new_error(m, "RunTimeout", b, "The run passed its wall-clock limit.");
    Py_DECREF(b);
    if (!Ext_RunTimeout)
        return -1;
    if (!(Ext_OutOfMemory = new_error(m, "OutOfMemory", Ext_RunError, "The run reached its memory cap.")) ||
        !(Ext_OutputTruncated = new_error(m, "OutputTruncated", Ext_RunError,
                                          "The output passed its cap with output_stop=True.")) ||
        !(Ext_GuestTrap = new_error(m, "GuestTrap", Ext_RunError,
                                    "The guest trapped (invalid memory access, stack exhausted, ...).")) ||
        !(Ext_Interrupted = new_error(m, "Interrupted", Ext_RunError, "The run was stopped by interrupt().")) ||
        !(Ext_OutOfFuel = new_error(m, "OutOfFuel", Ext_RunError, "The run used its fuel budget.")))
        return -1;
    return 0;
}

static int add_json(void)
{
    PyObject *json = PyImport_ImportModule("json");
    if (!json)
        return -1;
    PyObject *loads = PyObject_GetAttrString(json, "loads");
    PyObject *dumps = PyObject_GetAttrString(json, "dumps");
    PyObject *functools = PyImport_ImportModule("functools");
    PyObject *partial = functools ? PyObject_GetAttrString(functools, "partial") : NULL;
    PyObject *kw = Py_BuildValue("{s:O,s:O,s:(ss)}", "ensure_ascii", Py_False, "allow_nan", Py_False,
                                 "separators", ",", ":");
    PyObject *args = dumps ? PyTuple_Pack(1, dumps) : NULL;
    if (partial && kw && args)
        ext_json_dumps_compact = PyObject_Call(partial, args, kw);
    ext_json_loads = loads;
    Py_XDECREF(args);
    Py_XDECREF(kw);
    Py_XDECREF(partial);
    Py_XDECREF(functools);
    Py_XDECREF(dumps);
    Py_DECREF(json);
    return ext_json_loads && ext_json_dumps_compact ? 0 : -1;
}

PyMODINIT_FUNC PyInit__mpbox(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    if (!ext_runtime) {
        int rc = mpbox_runtime_new(&ext_runtime);
        if (rc != MPBOX_OK) {
            PyErr_Format(PyExc_ImportError, "mpbox: cannot create the runtime: %s", mpbox_errstr(rc));
            goto fail;
        }
    }
    if (add_json() < 0 || add_errors(m) < 0 || ext_sigint_init() < 0)
        goto fail;
    if (PyType_Ready(&Ext_ResultType) < 0 || PyType_Ready(&Ext_SessionType) < 0)
        goto fail;
    if (PyModule_AddObjectRef(m, "Result", (PyObject *)&Ext_ResultType) < 0 ||
        PyModule_AddObjectRef(m, "Session", (PyObject *)&Ext_SessionType) < 0)
        goto fail;
    if (PyModule_AddStringConstant(m, "VERSION", MPBOX_VERSION) < 0 ||
        PyModule_AddStringConstant(m, "GUEST_VERSION", MPBOX_GUEST_VERSION) < 0 ||
        PyModule_AddIntConstant(m, "DEFAULT_MEMORY", MPBOX_DEFAULT_MEMORY) < 0 ||
        PyModule_AddIntConstant(m, "MIN_MEMORY", MPBOX_MIN_MEMORY) < 0 ||
        PyModule_AddObject(m, "MAX_MEMORY", PyLong_FromUnsignedLongLong(MPBOX_MAX_MEMORY)) < 0 ||
        PyModule_AddObject(m, "DEFAULT_TIMEOUT", PyFloat_FromDouble(MPBOX_DEFAULT_TIMEOUT_MS / 1000.0)) < 0 ||
        PyModule_AddIntConstant(m, "SQL_MAX_ROWS", MPBOX_SQL_MAX_ROWS) < 0)
        goto fail;
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
