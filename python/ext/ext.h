/*
 * ext.h — the CPython extension module mpbox._mpbox: one process-wide
 * runtime, the Session and Result types, host functions and Ctrl-C.
 *
 * Threading: a Session's C session is used by one thread at a time. Every
 * method that touches it takes the session's lock (session_enter); a thread
 * that finds it taken waits with the GIL released, so two threads sharing a
 * session are serialised. A call into a session from one of its own host
 * functions (same thread, lock held) is refused with RuntimeError instead of
 * deadlocking. Guest code runs with the GIL released; host functions take
 * it back on the running thread.
 */
#ifndef MPBOX_PY_EXT_H
#define MPBOX_PY_EXT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>

#include "mpbox.h"

/* ---- module.c ----------------------------------------------------------- */
extern mpbox_runtime *ext_runtime;
extern PyObject *ext_json_loads, *ext_json_dumps_compact;
extern PyObject *Ext_Error, *Ext_SessionClosed, *Ext_SessionLost, *Ext_SnapshotError;
extern PyObject *Ext_RunError, *Ext_GuestError;
/* The RunError subclass raise_for_status uses for a status (NULL for ok). */
PyObject *ext_error_for_status(int status);
/* Set a Python exception for a failed mpbox_rc; returns NULL. */
PyObject *ext_raise_rc(int rc, const char *what);

/* Limits as keyword arguments: memory=, timeout= (seconds), ... Parsed
 * with the GIL (ext_parse_limits: count or -1), set without it
 * (ext_set_limits: the index of a value the C library refused, or -1),
 * reported with it (ext_limit_error). ext_apply_limits does all three. */
#define EXT_NLIMITS 16
typedef struct {
    int index;       /* into the limit table */
    int64_t value;   /* C value */
    PyObject *given; /* borrowed: the Python value, for the error message */
} ext_limit;
int ext_parse_limits(PyObject *kwargs, ext_limit *out);
int ext_set_limits(mpbox_session *s, const ext_limit *l, int n);
int ext_limit_cid(const ext_limit *l); /* its MPBOX_LIMIT_* id */
PyObject *ext_limit_error(const ext_limit *l);
int ext_apply_limits(mpbox_session *s, PyObject *kwargs);
PyObject *ext_limits_dict(mpbox_session *s);
/* The limit id of keyword `name`, or -1. */
int ext_limit_id(const char *name);

/* ---- result.c ----------------------------------------------------------- */
extern PyTypeObject Ext_ResultType;
/* Wrap r (ownership moves to the object; freed on failure too). host_exc:
 * the last exception a host function raised during the run, or NULL. */
PyObject *ext_result_new(mpbox_result *r, PyObject *host_exc);

/* ---- session.c ---------------------------------------------------------- */
typedef struct ext_hostfn ext_hostfn;

typedef struct {
    PyObject_HEAD
    mpbox_session *s;           /* NULL once closed */
    pthread_mutex_t lock;       /* held while the C session is in use */
    unsigned long owner;        /* PyThread_get_thread_ident() of the holder */
    PyThreadState *tstate;      /* saved by the running thread (host calls) */
    ext_hostfn *hostfns;        /* this session's registrations */
    PyObject *host_exc;         /* last Exception from a host function, this run */
    PyObject *pending;          /* a BaseException (KeyboardInterrupt, ...)
                                   raised in a host function: re-raised when
                                   the run returns */
    PyObject *weakrefs;
} SessionObject;

extern PyTypeObject Ext_SessionType;
PyObject *ext_run_once(PyObject *module, PyObject *args, PyObject *kwargs);

/* ---- hostcall.c --------------------------------------------------------- */
/* Register (or replace) Python callable fn as host function `name`. */
int ext_hostfn_register(SessionObject *self, const char *name, PyObject *fn);
/* Register every name of the mapping `fns` (a dict or any mapping). */
int ext_hostfn_register_all(SessionObject *self, PyObject *fns);
/* {name: callable} of this session's registrations. */
PyObject *ext_hostfn_dict(SessionObject *self);
void ext_hostfn_clear(SessionObject *self);
Py_ssize_t ext_hostfn_count(SessionObject *self);
int ext_hostfn_traverse(SessionObject *self, visitproc visit, void *arg);
/* The guest exception type name and message a Python exception maps to:
 * its own type when mpbox raises that type in the guest, else the nearest
 * such base class (not Exception), else its own name (the guest then gets
 * RuntimeError("Name: message")). New references or -1. */
int ext_map_exception(PyObject *exc, PyObject **type_name, PyObject **message);

/* ---- sigint.c ----------------------------------------------------------- */
/* Around a run on the main thread: while it runs, SIGINT also interrupts s
 * (and still reaches Python's own handler, so that PyErr_CheckSignals then
 * raises KeyboardInterrupt). Returns 1 when the forwarding was installed.
 * Called without the GIL (it needs none). ext_sigint_init: at import. */
int ext_sigint_init(void);
int ext_sigint_begin(mpbox_session *s);
void ext_sigint_end(int installed);

#endif
