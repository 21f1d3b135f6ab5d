/*
 * result.c — mpbox.Result: a read-only view of one mpbox_result. Fields are
 * read from the C result when asked for, so a run pays only for what the
 * caller looks at.
 */
#include "ext.h"

typedef struct {
    PyObject_HEAD
    mpbox_result *r;
    PyObject *host_exc; /* last exception a host function raised in the run */
} ResultObject;

PyObject *ext_result_new(mpbox_result *r, PyObject *host_exc)
{
    ResultObject *self = PyObject_New(ResultObject, &Ext_ResultType);
    if (!self) {
        mpbox_result_free(r);
        return NULL;
    }
    self->r = r;
    self->host_exc = Py_XNewRef(host_exc);
    return (PyObject *)self;
}

static void result_dealloc(ResultObject *self)
{
    mpbox_result_free(self->r);
    Py_XDECREF(self->host_exc);
    PyObject_Free(self);
}

static PyObject *str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static PyObject *get_status(ResultObject *self, void *c)
{
    return PyUnicode_FromString(mpbox_status_name(mpbox_result_status(self->r)));
}
static PyObject *get_ok(ResultObject *self, void *c)
{
    return PyBool_FromLong(mpbox_result_status(self->r) == MPBOX_STATUS_OK);
}
static PyObject *get_stdout(ResultObject *self, void *c)
{
    size_t n;
    const char *p = mpbox_result_stdout(self->r, &n);
    return PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "replace");
}
static PyObject *get_stderr(ResultObject *self, void *c)
{
    size_t n;
    const char *p = mpbox_result_stderr(self->r, &n);
    return PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "replace");
}
static PyObject *get_raw_stdout(ResultObject *self, void *c)
{
    size_t n;
    const char *p = mpbox_result_stdout(self->r, &n);
    return PyBytes_FromStringAndSize(p, (Py_ssize_t)n);
}
static PyObject *get_raw_stderr(ResultObject *self, void *c)
{
    size_t n;
    const char *p = mpbox_result_stderr(self->r, &n);
    return PyBytes_FromStringAndSize(p, (Py_ssize_t)n);
}
static PyObject *get_stdout_truncated(ResultObject *self, void *c)
{
    return PyBool_FromLong(mpbox_result_stdout_truncated(self->r));
}
static PyObject *get_stderr_truncated(ResultObject *self, void *c)
{
    return PyBool_FromLong(mpbox_result_stderr_truncated(self->r));
}
static PyObject *get_error_type(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_error_type(self->r));
}
static PyObject *get_error_message(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_error_message(self->r));
}
static PyObject *get_traceback(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_traceback(self->r));
}
static PyObject *get_hint(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_hint(self->r));
}
static PyObject *get_trap_reason(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_trap_reason(self->r));
}
static PyObject *get_exit_code(ResultObject *self, void *c)
{
    int code;
    if (!mpbox_result_exit_code(self->r, &code))
        Py_RETURN_NONE;
    return PyLong_FromLong(code);
}
static PyObject *get_return_value_json(ResultObject *self, void *c)
{
    return str_or_none(mpbox_result_return_value(self->r));
}
static PyObject *get_return_value(ResultObject *self, void *c)
{
    const char *json = mpbox_result_return_value(self->r);
    if (!json)
        Py_RETURN_NONE;
    PyObject *text = PyUnicode_DecodeUTF8(json, (Py_ssize_t)strlen(json), "strict");
    if (!text)
        return NULL;
    PyObject *v = PyObject_CallOneArg(ext_json_loads, text);
    Py_DECREF(text);
    return v;
}
static PyObject *get_session_state(ResultObject *self, void *c)
{
    return PyUnicode_FromString(mpbox_session_state_name(mpbox_result_session_state(self->r)));
}
static PyObject *get_session_lost(ResultObject *self, void *c)
{
    return PyBool_FromLong(mpbox_result_session_lost(self->r));
}
static PyObject *get_wall_ms(ResultObject *self, void *c)
{
    return PyFloat_FromDouble(mpbox_result_wall_ms(self->r));
}
static PyObject *get_cpu_ms(ResultObject *self, void *c)
{
    return PyFloat_FromDouble(mpbox_result_cpu_ms(self->r));
}
static PyObject *get_host_ms(ResultObject *self, void *c)
{
    return PyFloat_FromDouble(mpbox_result_host_ms(self->r));
}
static PyObject *get_host_calls(ResultObject *self, void *c)
{
    return PyLong_FromUnsignedLongLong(mpbox_result_host_calls(self->r));
}
static PyObject *get_peak_memory(ResultObject *self, void *c)
{
    return PyLong_FromUnsignedLongLong(mpbox_result_peak_memory(self->r));
}
static PyObject *get_fuel_used(ResultObject *self, void *c)
{
    return PyLong_FromUnsignedLongLong(mpbox_result_fuel_used(self->r));
}
static PyObject *get_checkpoint_pages(ResultObject *self, void *c)
{
    return PyLong_FromUnsignedLongLong(mpbox_result_checkpoint_pages(self->r));
}
static PyObject *get_host_exception(ResultObject *self, void *c)
{
    return Py_NewRef(self->host_exc ? self->host_exc : Py_None);
}

/* The C library's JSON form: the one place that has every field. */
static PyObject *result_to_json(ResultObject *self, PyObject *unused)
{
    size_t n;
    char *json = mpbox_result_json(self->r, &n);
    if (!json)
        return PyErr_NoMemory();
    PyObject *s = PyUnicode_DecodeUTF8(json, (Py_ssize_t)n, "replace");
    mpbox_free(json);
    return s;
}
static PyObject *result_to_dict(ResultObject *self, PyObject *unused)
{
    PyObject *s = result_to_json(self, NULL);
    if (!s)
        return NULL;
    PyObject *d = PyObject_CallOneArg(ext_json_loads, s);
    Py_DECREF(s);
    return d;
}
static PyObject *get_stats(ResultObject *self, void *c)
{
    PyObject *d = result_to_dict(self, NULL);
    if (!d)
        return NULL;
    PyObject *stats = PyDict_GetItemString(d, "stats");
    Py_XINCREF(stats);
    Py_DECREF(d);
    if (!stats)
        PyErr_SetString(PyExc_RuntimeError, "mpbox: result JSON without stats");
    return stats;
}

/* The exception raise_for_status raises: the status's RunError subclass with
 * a one-line message, .result, and for guest errors .type/.message/
 * .traceback/.hint and the host function's exception as __cause__. */
static PyObject *result_exception(ResultObject *self, PyObject *cls)
{
    const mpbox_result *r = self->r;
    int status = mpbox_result_status(r);
    const char *type = mpbox_result_error_type(r), *msg = mpbox_result_error_message(r);
    PyObject *text;
    if (status == MPBOX_STATUS_ERROR && type)
        text = msg && *msg ? PyUnicode_FromFormat("%s: %s", type, msg) : PyUnicode_FromString(type);
    else if (status == MPBOX_STATUS_TRAP)
        text = PyUnicode_FromFormat("the guest trapped: %s (session %s)", mpbox_result_trap_reason(r) ? mpbox_result_trap_reason(r) : "unknown",
                                    mpbox_session_state_name(mpbox_result_session_state(r)));
    else
        text = PyUnicode_FromFormat("run ended with status '%s' (session %s)", mpbox_status_name(status),
                                    mpbox_session_state_name(mpbox_result_session_state(r)));
    if (!text)
        return NULL;
    PyObject *exc = PyObject_CallOneArg(cls, text);
    Py_DECREF(text);
    if (!exc)
        return NULL;
    if (PyObject_SetAttrString(exc, "result", (PyObject *)self) < 0)
        goto fail;
    if (status == MPBOX_STATUS_ERROR) {
        static const char *const names[] = {"type", "message", "traceback", "hint"};
        const char *values[] = {type, msg, mpbox_result_traceback(r), mpbox_result_hint(r)};
        for (int i = 0; i < 4; i++) {
            PyObject *v = str_or_none(values[i]);
            if (!v || PyObject_SetAttrString(exc, names[i], v) < 0) {
                Py_XDECREF(v);
                goto fail;
            }
            Py_DECREF(v);
        }
        if (self->host_exc && type) {
            /* The guest error is the host function's when it has the type
             * and message that exception was mapped to. */
            PyObject *tname = NULL, *tmsg = NULL;
            if (ext_map_exception(self->host_exc, &tname, &tmsg) < 0)
                goto fail;
            const char *tn = PyUnicode_AsUTF8(tname), *tm = PyUnicode_AsUTF8(tmsg);
            int same = tn && tm && msg &&
                       ((strcmp(tn, type) == 0 && strcmp(tm, msg) == 0) ||
                        (strcmp(type, "RuntimeError") == 0 && strncmp(msg, tn, strlen(tn)) == 0 &&
                         strncmp(msg + strlen(tn), ": ", 2) == 0 && strcmp(msg + strlen(tn) + 2, tm) == 0));
            Py_DECREF(tname);
            Py_DECREF(tmsg);
            if (PyErr_Occurred())
                goto fail;
            if (same)
                PyException_SetCause(exc, Py_NewRef(self->host_exc));
        }
    }
    return exc;
fail:
    Py_DECREF(exc);
    return NULL;
}

static PyObject *result_raise_for_status(ResultObject *self, PyObject *unused)
{
    PyObject *cls = ext_error_for_status(mpbox_result_status(self->r));
    if (!cls)
        return Py_NewRef(self);
    PyObject *exc = result_exception(self, cls);
    if (exc) {
        PyErr_SetObject(cls, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* <mpbox.Result ok stdout='2\n' wall_ms=0.031> ; long text is shortened. */
static PyObject *short_repr(PyObject *s)
{
    if (PyUnicode_GET_LENGTH(s) > 60) {
        PyObject *head = PyUnicode_Substring(s, 0, 57);
        if (!head)
            return NULL;
        PyObject *r = PyUnicode_FromFormat("%R...", head);
        Py_DECREF(head);
        return r;
    }
    return PyObject_Repr(s);
}

static PyObject *result_repr(ResultObject *self)
{
    const mpbox_result *r = self->r;
    PyObject *parts = PyList_New(0), *item = NULL, *out = NULL;
    if (!parts)
        return NULL;
    int status = mpbox_result_status(r);
#define ADD(expr)                                                                                                  \
    do {                                                                                                           \
        if (!(item = (expr)) || PyList_Append(parts, item) < 0)                                                    \
            goto done;                                                                                             \
        Py_CLEAR(item);                                                                                            \
    } while (0)
    ADD(PyUnicode_FromFormat("status=%s", mpbox_status_name(status)));
    for (int fd = 1; fd <= 2; fd++) {
        size_t n;
        const char *p = fd == 1 ? mpbox_result_stdout(r, &n) : mpbox_result_stderr(r, &n);
        if (n == 0 && fd == 2)
            continue;
        PyObject *s = PyUnicode_DecodeUTF8(p, (Py_ssize_t)n, "replace");
        PyObject *rs = s ? short_repr(s) : NULL;
        Py_XDECREF(s);
        if (!rs)
            goto done;
        int trunc = fd == 1 ? mpbox_result_stdout_truncated(r) : mpbox_result_stderr_truncated(r);
        ADD(PyUnicode_FromFormat("%s=%U%s", fd == 1 ? "stdout" : "stderr", rs, trunc ? " (truncated)" : ""));
        Py_DECREF(rs);
    }
    if (mpbox_result_error_type(r)) {
        PyObject *m = str_or_none(mpbox_result_error_message(r));
        PyObject *rm = m ? short_repr(m) : NULL;
        Py_XDECREF(m);
        if (!rm)
            goto done;
        ADD(PyUnicode_FromFormat("error=%s(%U)", mpbox_result_error_type(r), rm));
        Py_DECREF(rm);
    }
    if (mpbox_result_hint(r))
        ADD(PyUnicode_FromString("hint=..."));
    if (mpbox_result_trap_reason(r))
        ADD(PyUnicode_FromFormat("trap='%s'", mpbox_result_trap_reason(r)));
    int code;
    if (mpbox_result_exit_code(r, &code))
        ADD(PyUnicode_FromFormat("exit_code=%d", code));
    if (mpbox_result_return_value(r)) {
        PyObject *v = str_or_none(mpbox_result_return_value(r));
        PyObject *rv = v ? short_repr(v) : NULL;
        Py_XDECREF(v);
        if (!rv)
            goto done;
        ADD(PyUnicode_FromFormat("return_value_json=%U", rv));
        Py_DECREF(rv);
    }
    if (mpbox_result_session_state(r) != MPBOX_SESSION_KEPT)
        ADD(PyUnicode_FromFormat("session=%s", mpbox_session_state_name(mpbox_result_session_state(r))));
    char ms[32];
    snprintf(ms, sizeof ms, "%.3f", mpbox_result_wall_ms(r));
    ADD(PyUnicode_FromFormat("wall_ms=%s", ms));
#undef ADD
    PyObject *sep = PyUnicode_FromString(" ");
    PyObject *body = sep ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    if (body)
        out = PyUnicode_FromFormat("<mpbox.Result %U>", body);
    Py_XDECREF(body);
done:
    Py_XDECREF(item);
    Py_DECREF(parts);
    return out;
}

static PyGetSetDef result_getset[] = {
    {"status", (getter)get_status, NULL, "'ok', 'error', 'timeout', 'out_of_memory', 'output_truncated', "
                                         "'trap', 'interrupted' or 'out_of_fuel'.", NULL},
    {"ok", (getter)get_ok, NULL, "True when status is 'ok'.", NULL},
    {"stdout", (getter)get_stdout, NULL, "Captured stdout as str (invalid UTF-8 replaced by U+FFFD).", NULL},
    {"stderr", (getter)get_stderr, NULL, "Captured stderr as str (the traceback of an uncaught exception).",
     NULL},
    {"raw_stdout", (getter)get_raw_stdout, NULL, "Captured stdout as the guest wrote it (bytes).", NULL},
    {"raw_stderr", (getter)get_raw_stderr, NULL, "Captured stderr as the guest wrote it (bytes).", NULL},
    {"stdout_truncated", (getter)get_stdout_truncated, NULL, "True when stdout passed max_stdout.", NULL},
    {"stderr_truncated", (getter)get_stderr_truncated, NULL, "True when stderr passed max_stderr.", NULL},
    {"error_type", (getter)get_error_type, NULL, "Type name of the uncaught exception, or None.", NULL},
    {"error_message", (getter)get_error_message, NULL, "Its message, or None.", NULL},
    {"traceback", (getter)get_traceback, NULL, "The full traceback text, or None.", NULL},
    {"hint", (getter)get_hint, NULL,
     "For an error caused by a known MicroPython/CPython difference: the working alternative; else None.",
     NULL},
    {"trap_reason", (getter)get_trap_reason, NULL, "For status 'trap': a short reason; else None.", NULL},
    {"exit_code", (getter)get_exit_code, NULL, "The SystemExit code when the run ended with one, else None.",
     NULL},
    {"return_value", (getter)get_return_value, NULL,
     "With return_value=True: the value of the code's last expression (JSON-able values as such, others as "
     "their repr()); else None.", NULL},
    {"return_value_json", (getter)get_return_value_json, NULL,
     "The return value as JSON text, or None when there is none (distinguishes a value None: 'null').", NULL},
    {"session_state", (getter)get_session_state, NULL,
     "What the run left of the session: 'kept', 'rolled_back' or 'lost'.", NULL},
    {"session_lost", (getter)get_session_lost, NULL, "True when this run lost the session.", NULL},
    {"wall_ms", (getter)get_wall_ms, NULL, "Wall-clock time of the run in ms.", NULL},
    {"cpu_ms", (getter)get_cpu_ms, NULL, "CPU time of the run's thread in ms.", NULL},
    {"host_ms", (getter)get_host_ms, NULL, "Time spent in host functions in ms.", NULL},
    {"host_calls", (getter)get_host_calls, NULL, "Number of host function calls.", NULL},
    {"peak_memory", (getter)get_peak_memory, NULL, "Peak guest linear memory in bytes.", NULL},
    {"fuel_used", (getter)get_fuel_used, NULL, "Fuel the run used (0 in a build without fuel).", NULL},
    {"checkpoint_pages", (getter)get_checkpoint_pages, NULL, "4 KiB pages saved by the run's checkpoint.",
     NULL},
    {"stats", (getter)get_stats, NULL,
     "All statistics as a dict: wall_ms, cpu_ms, fuel_used, peak_memory_bytes, stdout_bytes, stderr_bytes "
     "(everything written, kept or dropped), checkpoint_pages, host_ms, host_calls.", NULL},
    {"host_exception", (getter)get_host_exception, NULL,
     "The last exception a host function raised during the run (the Python object), or None.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef result_methods[] = {
    {"raise_for_status", (PyCFunction)result_raise_for_status, METH_NOARGS,
     "Return self when status is 'ok'; else raise the matching mpbox.RunError subclass (GuestError, "
     "RunTimeout, OutOfMemory, OutputTruncated, GuestTrap, Interrupted, OutOfFuel) with .result."},
    {"to_json", (PyCFunction)result_to_json, METH_NOARGS,
     "The result as the C library's JSON object text (the same as `mpbox --json`)."},
    {"to_dict", (PyCFunction)result_to_dict, METH_NOARGS, "json.loads(self.to_json())."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject Ext_ResultType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "mpbox.Result",
    .tp_basicsize = sizeof(ResultObject),
    .tp_dealloc = (destructor)result_dealloc,
    .tp_repr = (reprfunc)result_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The outcome of one run: status, output, error, return value, session state, statistics.\n"
              "Created by Session.run and mpbox.run, never directly.",
    .tp_methods = result_methods,
    .tp_getset = result_getset,
};
