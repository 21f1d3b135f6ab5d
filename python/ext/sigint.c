/*
 * sigint.c — Ctrl-C during a run. Python's SIGINT handler only sets a flag
 * that the interpreter checks between bytecodes, which a thread blocked in
 * a guest run never does. While the main thread runs guest code, our
 * handler is installed in front of Python's: it wakes a watcher thread
 * (sem_post is async-signal-safe; mpbox_session_interrupt takes a lock and
 * is not) and passes the signal on to Python's handler. The watcher
 * interrupts the running session; the run returns with status interrupted
 * and Session.run raises KeyboardInterrupt through PyErr_CheckSignals.
 */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>

#include "ext.h"

static unsigned long main_ident;   /* threading.main_thread().ident */
static sem_t wake;
static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
/* The main thread's running sessions: more than one when a host function
 * runs another session. Ctrl-C interrupts them all. */
#define MAX_NESTED 32
static mpbox_session *running[MAX_NESTED];
static int depth;
static struct sigaction previous;  /* Python's handler, during a run */
static int watcher_state;          /* 0 not started, 1 running, -1 failed */

static void on_sigint(int sig, siginfo_t *info, void *uctx)
{
    int saved = errno;
    sem_post(&wake);
    if (previous.sa_flags & SA_SIGINFO)
        previous.sa_sigaction(sig, info, uctx);
    else if (previous.sa_handler != SIG_IGN && previous.sa_handler != SIG_DFL)
        previous.sa_handler(sig);
    errno = saved;
}

static void *watch(void *unused)
{
    for (;;) {
        if (sem_wait(&wake) != 0)
            continue; /* EINTR */
        pthread_mutex_lock(&current_lock);
        for (int i = 0; i < depth; i++)
            mpbox_session_interrupt(running[i]);
        pthread_mutex_unlock(&current_lock);
    }
    return NULL;
}

static int start_watcher(void)
{
    pthread_t t;
    sigset_t all, old;
    sigfillset(&all);
    /* The watcher takes no signals: SIGINT goes to the threads Python expects. */
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&t, NULL, watch, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return -1;
    pthread_detach(t);
    return 0;
}

/* After fork() the child has no watcher thread. */
static void after_fork_child(void)
{
    watcher_state = 0;
    depth = 0;
    sem_destroy(&wake);
    sem_init(&wake, 0, 0);
}

int ext_sigint_init(void)
{
    static int done;
    if (done)
        return 0;
    PyObject *threading = PyImport_ImportModule("threading");
    PyObject *main = threading ? PyObject_CallMethod(threading, "main_thread", NULL) : NULL;
    PyObject *ident = main ? PyObject_GetAttrString(main, "ident") : NULL;
    if (ident)
        main_ident = PyLong_AsUnsignedLong(ident);
    Py_XDECREF(ident);
    Py_XDECREF(main);
    Py_XDECREF(threading);
    if (PyErr_Occurred())
        return -1;
    if (sem_init(&wake, 0, 0) != 0 || pthread_atfork(NULL, NULL, after_fork_child) != 0) {
        PyErr_SetFromErrno(PyExc_OSError);
        return -1;
    }
    done = 1;
    return 0;
}

int ext_sigint_begin(mpbox_session *s)
{
    if (PyThread_get_thread_ident() != main_ident || depth == MAX_NESTED)
        return 0;
    if (watcher_state == 0)
        watcher_state = start_watcher() == 0 ? 1 : -1;
    if (watcher_state < 0)
        return 0;
    if (depth == 0) {
        /* Our handler goes in front of Python's for the outermost run. */
        struct sigaction cur, sa;
        if (sigaction(SIGINT, NULL, &cur) != 0)
            return 0;
        /* Default (terminate) and ignore need no help. */
        if (!(cur.sa_flags & SA_SIGINFO) && (cur.sa_handler == SIG_DFL || cur.sa_handler == SIG_IGN))
            return 0;
        previous = cur;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sigint;
        sa.sa_mask = cur.sa_mask;
        sa.sa_flags = SA_SIGINFO | (cur.sa_flags & (SA_ONSTACK | SA_RESTART));
        pthread_mutex_lock(&current_lock);
        running[depth++] = s;
        pthread_mutex_unlock(&current_lock);
        if (sigaction(SIGINT, &sa, NULL) != 0) {
            pthread_mutex_lock(&current_lock);
            running[--depth] = NULL;
            pthread_mutex_unlock(&current_lock);
            return 0;
        }
        return 1;
    }
    pthread_mutex_lock(&current_lock);
    running[depth++] = s;
    pthread_mutex_unlock(&current_lock);
    return 1;
}

void ext_sigint_end(int installed)
{
    if (!installed)
        return;
    if (depth == 1)
        sigaction(SIGINT, &previous, NULL);
    pthread_mutex_lock(&current_lock);
    running[--depth] = NULL;
    pthread_mutex_unlock(&current_lock);
}
