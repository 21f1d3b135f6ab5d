/*
 * session.c — mpbox.Session: one sandboxed MicroPython session; its runs,
 * files, snapshots and forks. Guest code runs with the GIL released.
 */
#include <errno.h>

#include "ext.h"

/* ---- the session lock (see ext.h) -------------------------------------- */
static int session_enter(SessionObject *self)
{
    unsigned long me = PyThread_get_thread_ident();
    if (pthread_mutex_trylock(&self->lock) != 0) {
        if (self->owner == me) {
            PyErr_SetString(PyExc_RuntimeError,
                            "mpbox: a host function cannot call into the session that is running it");
            return -1;
        }
        Py_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&self->lock);
        Py_END_ALLOW_THREADS
    }
    if (!self->s) {
        pthread_mutex_unlock(&self->lock);
        PyErr_SetString(Ext_SessionClosed, "the session is closed");
        return -1;
    }
    self->owner = me;
    return 0;
}

static void session_leave(SessionObject *self)
{
    self->owner = 0;
    pthread_mutex_unlock(&self->lock);
}

/* A new, empty Session object of type `type` (no C session yet). */
static SessionObject *session_alloc(PyTypeObject *type)
{
    SessionObject *self = (SessionObject *)type->tp_alloc(type, 0);
    if (self)
        pthread_mutex_init(&self->lock, NULL);
    return self;
}

static PyObject *session_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    return (PyObject *)session_alloc(type);
}

/* Free the C session, then the registrations it pointed to. */
static void session_destroy(SessionObject *self)
{
    mpbox_session *s = self->s;
    /* With the GIL held throughout: interrupt() reads self->s under it.
     * (No run can be in progress: callers hold the lock or the last
     * reference.) */
    self->s = NULL;
    mpbox_session_free(s);
    ext_hostfn_clear(self);
    Py_CLEAR(self->host_exc);
    Py_CLEAR(self->pending);
}

static int session_init(SessionObject *self, PyObject *args, PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError, "Session() takes keyword arguments only (host_functions=, limits)");
        return -1;
    }
    if (self->s) {
        PyErr_SetString(PyExc_RuntimeError, "Session.__init__ called twice");
        return -1;
    }
    PyObject *fns = kwargs ? PyDict_GetItemString(kwargs, "host_functions") : NULL;
    PyObject *limits = NULL;
    if (kwargs && (limits = PyDict_Copy(kwargs)) == NULL)
        return -1;
    if (fns && PyDict_DelItemString(limits, "host_functions") < 0)
        goto fail;
    ext_limit l[EXT_NLIMITS];
    int n = ext_parse_limits(limits, l);
    if (n < 0)
        goto fail;
    int rc, bad = -1;
    mpbox_session *s = NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = mpbox_session_new(ext_runtime, &s);
    if (rc == MPBOX_OK)
        bad = ext_set_limits(s, l, n);
    Py_END_ALLOW_THREADS
    if (rc != MPBOX_OK) {
        ext_raise_rc(rc, "Session()");
        goto fail;
    }
    self->s = s;
    if (bad >= 0) {
        ext_limit_error(&l[bad]);
        goto fail_session;
    }
    if (ext_hostfn_register_all(self, fns) < 0)
        goto fail_session;
    Py_XDECREF(limits);
    return 0;
fail_session:
    session_destroy(self);
fail:
    Py_XDECREF(limits);
    return -1;
}

static int session_traverse(SessionObject *self, visitproc visit, void *arg)
{
    /* The type is visited by subtype_traverse for Python subclasses. */
    Py_VISIT(self->host_exc);
    Py_VISIT(self->pending);
    return ext_hostfn_traverse(self, visit, arg);
}

static int session_clear(SessionObject *self)
{
    /* Only for unreachable sessions: nothing can be running on them. */
    session_destroy(self);
    return 0;
}

static void session_dealloc(SessionObject *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakrefs)
        PyObject_ClearWeakRefs((PyObject *)self);
    session_destroy(self);
    pthread_mutex_destroy(&self->lock);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* ---- running code ------------------------------------------------------- */
/* The run itself, with the lock held: release the GIL, forward Ctrl-C, run,
 * take the GIL back. Returns the result or NULL with an exception. */
static PyObject *run_locked(SessionObject *self, const char *code, Py_ssize_t len, unsigned flags)
{
    mpbox_result *r = NULL;
    self->tstate = PyEval_SaveThread();
    int sig = ext_sigint_begin(self->s);
    int rc = mpbox_run_ex(self->s, code, (size_t)len, flags, &r);
    ext_sigint_end(sig);
    PyEval_RestoreThread(self->tstate);
    self->tstate = NULL;
    PyObject *host_exc = self->host_exc, *pending = self->pending;
    self->host_exc = self->pending = NULL;
    PyObject *out = NULL;
    if (pending) {
        /* KeyboardInterrupt, SystemExit, ... raised in a host function:
         * raised again here, with its traceback. */
        PyErr_Restore(Py_NewRef(Py_TYPE(pending)), Py_NewRef(pending), PyException_GetTraceback(pending));
        mpbox_result_free(r);
    } else if (rc != MPBOX_OK) {
        ext_raise_rc(rc, "run");
    } else if (sig && PyErr_CheckSignals() < 0) {
        mpbox_result_free(r); /* Ctrl-C stopped the run: KeyboardInterrupt */
    } else {
        out = ext_result_new(r, host_exc);
    }
    Py_XDECREF(host_exc);
    Py_XDECREF(pending);
    return out;
}

static unsigned run_flags(int echo, int return_value)
{
    return (echo ? MPBOX_RUN_ECHO : 0u) | (return_value ? MPBOX_RUN_RETURN_VALUE : 0u);
}

static PyObject *session_run(SessionObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"code", "timeout", "fuel", "echo", "return_value", NULL};
    const char *code;
    Py_ssize_t len;
    PyObject *timeout = NULL, *fuel = NULL;
    int echo = 0, return_value = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s#|$OOpp:run", kwlist, &code, &len, &timeout, &fuel, &echo,
                                     &return_value))
        return NULL;
    /* Per-run limits: set for this run, then the session's values again.
     * None (the default) means the session's value. */
    if (timeout == Py_None)
        timeout = NULL;
    if (fuel == Py_None)
        fuel = NULL;
    ext_limit l[2];
    int n = 0;
    if (timeout || fuel) {
        PyObject *kw = PyDict_New();
        if (!kw || (timeout && PyDict_SetItemString(kw, "timeout", timeout) < 0) ||
            (fuel && PyDict_SetItemString(kw, "fuel", fuel) < 0) || (n = ext_parse_limits(kw, l)) < 0) {
            Py_XDECREF(kw);
            return NULL;
        }
        Py_DECREF(kw);
    }
    if (session_enter(self) < 0)
        return NULL;
    int64_t old[2];
    for (int i = 0; i < n; i++)
        old[i] = mpbox_session_limit(self->s, ext_limit_cid(&l[i]), -1);
    int bad = ext_set_limits(self->s, l, n);
    PyObject *out = NULL;
    if (bad >= 0)
        ext_limit_error(&l[bad]);
    else
        out = run_locked(self, code, len, run_flags(echo, return_value));
    for (int i = 0; i < n; i++)
        mpbox_session_limit(self->s, ext_limit_cid(&l[i]), old[i]);
    session_leave(self);
    return out;
}

/* Safe from any thread at any time: it holds the GIL throughout, and
 * close() clears self->s under the GIL before freeing the session. */
static PyObject *session_interrupt(SessionObject *self, PyObject *unused)
{
    if (self->s)
        mpbox_session_interrupt(self->s);
    Py_RETURN_NONE;
}

static PyObject *session_close(SessionObject *self, PyObject *unused)
{
    if (!self->s)
        Py_RETURN_NONE;
    if (session_enter(self) < 0) {
        if (PyErr_ExceptionMatches(Ext_SessionClosed)) { /* closed meanwhile */
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        return NULL;
    }
    session_destroy(self);
    session_leave(self);
    Py_RETURN_NONE;
}

static PyObject *session_enter_ctx(SessionObject *self, PyObject *unused)
{
    if (!self->s) {
        PyErr_SetString(Ext_SessionClosed, "the session is closed");
        return NULL;
    }
    return Py_NewRef(self);
}

static PyObject *session_exit_ctx(SessionObject *self, PyObject *args)
{
    PyObject *r = session_close(self, NULL);
    if (!r)
        return NULL;
    Py_DECREF(r);
    Py_RETURN_FALSE;
}

/* ---- host functions -------------------------------------------------------- */
static PyObject *session_register(SessionObject *self, PyObject *args)
{
    const char *name;
    PyObject *fn;
    if (!PyArg_ParseTuple(args, "sO:register", &name, &fn))
        return NULL;
    if (session_enter(self) < 0)
        return NULL;
    int rc = ext_hostfn_register(self, name, fn);
    session_leave(self);
    if (rc < 0)
        return NULL;
    return Py_NewRef(fn);
}

static PyObject *session_get_host_functions(SessionObject *self, void *c)
{
    return ext_hostfn_dict(self);
}

static PyObject *session_add_sqlite(SessionObject *self, PyObject *args)
{
    const char *name;
    PyObject *path = NULL;
    if (!PyArg_ParseTuple(args, "sO&:add_sqlite", &name, PyUnicode_FSConverter, &path))
        return NULL;
    PyObject *out = NULL;
    if (session_enter(self) == 0) {
        int rc = mpbox_session_add_sqlite(self->s, name, PyBytes_AS_STRING(path));
        session_leave(self);
        if (rc == MPBOX_MISUSE)
            PyErr_Format(PyExc_ValueError, "add_sqlite: database name '%s' is not a Python identifier", name);
        else if (rc != MPBOX_OK)
            ext_raise_rc(rc, "add_sqlite");
        else
            out = Py_NewRef(Py_None);
    }
    Py_DECREF(path);
    return out;
}

/* ---- limits ---------------------------------------------------------------- */
static PyObject *session_get_limits(SessionObject *self, void *c)
{
    if (session_enter(self) < 0)
        return NULL;
    PyObject *d = ext_limits_dict(self->s);
    session_leave(self);
    return d;
}

static PyObject *session_set_limits(SessionObject *self, PyObject *args, PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError, "set_limits() takes keyword arguments only");
        return NULL;
    }
    if (session_enter(self) < 0)
        return NULL;
    int rc = ext_apply_limits(self->s, kwargs);
    session_leave(self);
    if (rc < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *session_get_lost(SessionObject *self, void *c)
{
    if (session_enter(self) < 0)
        return NULL;
    int lost = mpbox_session_is_lost(self->s);
    session_leave(self);
    return PyBool_FromLong(lost);
}

static PyObject *session_get_closed(SessionObject *self, void *c)
{
    return PyBool_FromLong(self->s == NULL);
}

/* ---- files --------------------------------------------------------------- */
static PyObject *files_error(int rc, const char *what, const char *path)
{
    if (rc == MPBOX_MISUSE)
        PyErr_Format(PyExc_ValueError, "%s: bad path '%s' (absolute, no control characters, names <= 255 "
                     "bytes, paths <= 4095)", what, path);
    else if (rc == MPBOX_ERROR && strcmp(what, "get_file") == 0)
        PyErr_Format(PyExc_FileNotFoundError, "%s: no file '%s' in the session's scratch area", what, path);
    else if (rc == MPBOX_ERROR && strcmp(what, "put_file") == 0)
        PyErr_Format(PyExc_OSError, "%s: '%s' does not fit in the session's file quota (files_bytes, "
                     "files_count) or its parent is not a directory", what, path);
    else
        ext_raise_rc(rc, what);
    return NULL;
}

static PyObject *session_put_file(SessionObject *self, PyObject *args)
{
    const char *path;
    Py_buffer data;
    if (!PyArg_ParseTuple(args, "ss*:put_file", &path, &data))
        return NULL;
    PyObject *out = NULL;
    if (session_enter(self) == 0) {
        int rc = mpbox_session_put_file(self->s, path, data.buf, (size_t)data.len);
        session_leave(self);
        out = rc == MPBOX_OK ? Py_NewRef(Py_None) : files_error(rc, "put_file", path);
    }
    PyBuffer_Release(&data);
    return out;
}

static PyObject *session_get_file(SessionObject *self, PyObject *args)
{
    const char *path;
    if (!PyArg_ParseTuple(args, "s:get_file", &path))
        return NULL;
    if (session_enter(self) < 0)
        return NULL;
    void *data = NULL;
    size_t len = 0;
    int rc = mpbox_session_get_file(self->s, path, &data, &len);
    session_leave(self);
    if (rc != MPBOX_OK)
        return files_error(rc, "get_file", path);
    PyObject *out = PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
    mpbox_free(data);
    return out;
}

struct file_list {
    PyObject *dict;
    int failed;
};

static void add_file(void *user, const char *path, size_t size)
{
    struct file_list *fl = user;
    if (fl->failed)
        return;
    PyObject *n = PyLong_FromSize_t(size);
    if (!n || PyDict_SetItemString(fl->dict, path, n) < 0)
        fl->failed = 1;
    Py_XDECREF(n);
}

static PyObject *session_files(SessionObject *self, PyObject *unused)
{
    struct file_list fl = {PyDict_New(), 0};
    if (!fl.dict || session_enter(self) < 0) {
        Py_XDECREF(fl.dict);
        return NULL;
    }
    int n = mpbox_session_list_files(self->s, add_file, &fl);
    session_leave(self);
    if (fl.failed || n < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(Ext_Error, "files: cannot list the scratch area");
        Py_DECREF(fl.dict);
        return NULL;
    }
    return fl.dict;
}

static PyObject *session_mount(SessionObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"host_dir", "at", NULL};
    PyObject *dir = NULL;
    const char *at = "/input";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&|s:mount", kwlist, PyUnicode_FSConverter, &dir, &at))
        return NULL;
    PyObject *out = NULL;
    if (session_enter(self) == 0) {
        int rc = mpbox_session_mount(self->s, PyBytes_AS_STRING(dir), at);
        session_leave(self);
        if (rc == MPBOX_MISUSE)
            PyErr_Format(PyExc_ValueError, "mount: cannot mount at '%s' (absolute, not '/', not mounted "
                         "already, at most 16 mounts)", at);
        else if (rc == MPBOX_ERROR)
            PyErr_Format(PyExc_NotADirectoryError, "mount: %R is not a directory that can be mounted", dir);
        else if (rc != MPBOX_OK)
            ext_raise_rc(rc, "mount");
        else
            out = Py_NewRef(Py_None);
    }
    Py_DECREF(dir);
    return out;
}

/* ---- snapshots and forks ---------------------------------------------------- */
static PyObject *session_save(SessionObject *self, PyObject *unused)
{
    if (session_enter(self) < 0)
        return NULL;
    void *data = NULL;
    size_t len = 0;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = mpbox_session_save(self->s, &data, &len);
    Py_END_ALLOW_THREADS
    session_leave(self);
    if (rc != MPBOX_OK)
        return ext_raise_rc(rc, "save");
    PyObject *out = PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
    mpbox_free(data);
    return out;
}

/* A Session object of `type` around the new C session s, with fns
 * registered. Consumes s. */
static PyObject *wrap_new(PyTypeObject *type, mpbox_session *s, PyObject *fns, SessionObject *copy_from)
{
    SessionObject *obj = session_alloc(type);
    if (!obj) {
        mpbox_session_free(s);
        return NULL;
    }
    obj->s = s;
    int rc = 0;
    /* A fork inherits the C registrations, whose user pointers are the
     * parent's records: replace each with a record of its own. */
    if (copy_from) {
        PyObject *d = ext_hostfn_dict(copy_from);
        rc = d ? ext_hostfn_register_all(obj, d) : -1;
        Py_XDECREF(d);
    }
    if (rc == 0)
        rc = ext_hostfn_register_all(obj, fns);
    if (rc < 0) {
        Py_DECREF(obj);
        return NULL;
    }
    return (PyObject *)obj;
}

static PyObject *session_fork(SessionObject *self, PyObject *unused)
{
    if (session_enter(self) < 0)
        return NULL;
    mpbox_session *s = NULL;
    int rc;
    Py_BEGIN_ALLOW_THREADS
    rc = mpbox_session_fork(self->s, &s);
    Py_END_ALLOW_THREADS
    PyObject *out = rc == MPBOX_OK ? wrap_new(Py_TYPE(self), s, NULL, self) : ext_raise_rc(rc, "fork");
    session_leave(self);
    return out;
}

static PyObject *session_load(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    Py_buffer data;
    if (!PyArg_ParseTuple(args, "y*:load", &data))
        return NULL;
    PyObject *fns = kwargs ? PyDict_GetItemString(kwargs, "host_functions") : NULL;
    PyObject *limits = kwargs ? PyDict_Copy(kwargs) : NULL;
    PyObject *out = NULL;
    ext_limit l[EXT_NLIMITS];
    int n;
    if ((kwargs && !limits) || (fns && PyDict_DelItemString(limits, "host_functions") < 0) ||
        (n = ext_parse_limits(limits, l)) < 0)
        goto done;
    mpbox_session *s = NULL;
    const char *why = NULL;
    int rc, bad = -1;
    Py_BEGIN_ALLOW_THREADS
    rc = mpbox_session_load(ext_runtime, data.buf, (size_t)data.len, &s, &why);
    if (rc == MPBOX_OK)
        bad = ext_set_limits(s, l, n);
    Py_END_ALLOW_THREADS
    if (rc == MPBOX_SNAPSHOT)
        PyErr_Format(Ext_SnapshotError, "snapshot refused: %s", why ? why : "invalid");
    else if (rc != MPBOX_OK)
        ext_raise_rc(rc, "load");
    else if (bad >= 0) {
        mpbox_session_free(s);
        ext_limit_error(&l[bad]);
    } else
        out = wrap_new(type, s, fns, NULL);
done:
    Py_XDECREF(limits);
    PyBuffer_Release(&data);
    return out;
}

static PyObject *session_repr(SessionObject *self)
{
    if (!self->s)
        return PyUnicode_FromString("<mpbox.Session closed>");
    Py_ssize_t n = ext_hostfn_count(self);
    return PyUnicode_FromFormat("<mpbox.Session at %p, %zd host function%s>", (void *)self, n,
                                n == 1 ? "" : "s");
}

/* ---- one-shot runs ---------------------------------------------------------- */
PyObject *ext_run_once(PyObject *module, PyObject *args, PyObject *kwargs)
{
    const char *code;
    Py_ssize_t len;
    if (!PyArg_ParseTuple(args, "s#:run", &code, &len))
        return NULL;
    PyObject *limits = kwargs ? PyDict_Copy(kwargs) : PyDict_New();
    if (!limits)
        return NULL;
    int flag[2] = {0, 0};
    static const char *const flag_names[] = {"echo", "return_value"};
    for (int i = 0; i < 2; i++) {
        PyObject *v = PyDict_GetItemString(limits, flag_names[i]);
        if (v) {
            if ((flag[i] = PyObject_IsTrue(v)) < 0 || PyDict_DelItemString(limits, flag_names[i]) < 0)
                goto fail;
        }
    }
    PyObject *fns = PyDict_GetItemString(limits, "host_functions");
    if (fns && fns != Py_None) {
        /* Host functions need a Session object to call back into. */
        PyObject *empty = PyTuple_New(0);
        PyObject *sess = empty ? PyObject_Call((PyObject *)&Ext_SessionType, empty, limits) : NULL;
        Py_XDECREF(empty);
        if (!sess)
            goto fail;
        SessionObject *so = (SessionObject *)sess;
        PyObject *out = NULL;
        if (session_enter(so) == 0) {
            out = run_locked(so, code, len, run_flags(flag[0], flag[1]));
            session_leave(so);
        }
        PyObject *closed = session_close(so, NULL);
        Py_XDECREF(closed);
        Py_DECREF(sess);
        Py_DECREF(limits);
        return out;
    }
    if (fns && PyDict_DelItemString(limits, "host_functions") < 0)
        goto fail;
    ext_limit l[EXT_NLIMITS];
    int n = ext_parse_limits(limits, l);
    if (n < 0)
        goto fail;
    /* Without host functions: no Python object for the session at all. */
    mpbox_session *s = NULL;
    mpbox_result *r = NULL;
    int rc, bad = -1, run_rc = MPBOX_OK, sig = 0;
    Py_BEGIN_ALLOW_THREADS
    rc = mpbox_session_new(ext_runtime, &s);
    if (rc == MPBOX_OK && (bad = ext_set_limits(s, l, n)) < 0) {
        sig = ext_sigint_begin(s);
        run_rc = mpbox_run_ex(s, code, (size_t)len, run_flags(flag[0], flag[1]), &r);
        ext_sigint_end(sig);
    }
    mpbox_session_free(s);
    Py_END_ALLOW_THREADS
    PyObject *out = NULL;
    if (rc != MPBOX_OK)
        ext_raise_rc(rc, "run");
    else if (bad >= 0)
        ext_limit_error(&l[bad]);
    else if (run_rc != MPBOX_OK)
        ext_raise_rc(run_rc, "run");
    else if (sig && PyErr_CheckSignals() < 0)
        mpbox_result_free(r);
    else
        out = ext_result_new(r, NULL);
    Py_DECREF(limits);
    return out;
fail:
    Py_DECREF(limits);
    return NULL;
}

/* ---- the type ----------------------------------------------------------------- */
static PyMethodDef session_methods[] = {
    {"run", (PyCFunction)(void (*)(void))session_run, METH_VARARGS | METH_KEYWORDS,
     "run(code, *, timeout=None, fuel=None, echo=False, return_value=False) -> Result\n\n"
     "Run Python source in this session (state persists across runs). timeout (seconds) and fuel apply to this "
     "run only (None: the session's limit). echo=True prints the value of each expression statement (REPL style); return_value=True keeps "
     "the value of a final expression as Result.return_value. The GIL is released while the guest runs; "
     "Ctrl-C in the main thread interrupts the run and raises KeyboardInterrupt."},
    {"interrupt", (PyCFunction)session_interrupt, METH_NOARGS,
     "Stop the current run, if any (KeyboardInterrupt in the guest, then a hard stop after the grace "
     "period). Safe from any thread."},
    {"close", (PyCFunction)session_close, METH_NOARGS,
     "Destroy the session (waits for a run in progress on another thread). Idempotent."},
    {"__enter__", (PyCFunction)session_enter_ctx, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)session_exit_ctx, METH_VARARGS, NULL},
    {"register", (PyCFunction)session_register, METH_VARARGS,
     "register(name, fn) -> fn\n\nMake Python callable fn the guest function `name` (from host import name, "
     "or the global name). Arguments and return values are JSON values; an exception raised by fn is raised "
     "in the guest (same type when the guest has it, see docs/python.md)."},
    {"add_sqlite", (PyCFunction)session_add_sqlite, METH_VARARGS,
     "add_sqlite(name, path)\n\nMake the SQLite file at path readable by the guest as database `name` through "
     "read_only_sql_query(name, sql, params=None)."},
    {"set_limits", (PyCFunction)(void (*)(void))session_set_limits, METH_VARARGS | METH_KEYWORDS,
     "set_limits(**limits)\n\nChange limits for the following runs (same keywords as Session())."},
    {"put_file", (PyCFunction)session_put_file, METH_VARARGS,
     "put_file(path, data)\n\nWrite bytes (or str, as UTF-8) to an absolute path of the session's scratch "
     "file system (parents are created)."},
    {"get_file", (PyCFunction)session_get_file, METH_VARARGS,
     "get_file(path) -> bytes\n\nRead a file of the scratch file system."},
    {"files", (PyCFunction)session_files, METH_NOARGS,
     "files() -> dict\n\n{path: size} of every regular file in the scratch file system."},
    {"mount", (PyCFunction)(void (*)(void))session_mount, METH_VARARGS | METH_KEYWORDS,
     "mount(host_dir, at='/input')\n\nMake a host directory readable (read-only) by the guest at `at`."},
    {"save", (PyCFunction)session_save, METH_NOARGS,
     "save() -> bytes\n\nA snapshot of the session (memory, files, limits); Session.load() continues it."},
    {"load", (PyCFunction)(void (*)(void))session_load, METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     "Session.load(data, *, host_functions=None, **limits) -> Session\n\nA new session from save()'s bytes. "
     "Host functions are not in a snapshot: pass them again. Raises SnapshotError for refused data."},
    {"fork", (PyCFunction)session_fork, METH_NOARGS,
     "fork() -> Session\n\nA new session that is a copy of this one (state, files, mounts, limits, host "
     "functions)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef session_getset[] = {
    {"host_functions", (getter)session_get_host_functions, NULL, "A copy of {name: callable}.", NULL},
    {"limits", (getter)session_get_limits, NULL, "The session's limits as a dict of keyword values.", NULL},
    {"lost", (getter)session_get_lost, NULL, "True once an earlier run lost the session (runs are refused).",
     NULL},
    {"closed", (getter)session_get_closed, NULL, "True after close().", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject Ext_SessionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "mpbox.Session",
    .tp_basicsize = sizeof(SessionObject),
    .tp_dealloc = (destructor)session_dealloc,
    .tp_repr = (reprfunc)session_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Session(*, host_functions=None, **limits)\n\n"
              "One sandboxed MicroPython session: variables, imports and files persist across runs.\n"
              "Limits: memory (bytes), timeout (seconds or None), grace (seconds), max_stdout, max_stderr "
              "(bytes), output_stop, rollback, deterministic (bools), fuel (int or None), seed, files_bytes, "
              "files_count, host_arg_bytes, host_result_bytes, host_depth, host_calls.",
    .tp_traverse = (traverseproc)session_traverse,
    .tp_clear = (inquiry)session_clear,
    .tp_weaklistoffset = offsetof(SessionObject, weakrefs),
    .tp_methods = session_methods,
    .tp_getset = session_getset,
    .tp_init = (initproc)session_init,
    .tp_new = session_new,
};
