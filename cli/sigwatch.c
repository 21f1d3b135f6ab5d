/*
 * sigwatch.c — Ctrl-C. mpbox_session_interrupt() takes a lock, so it cannot
 * be called from a signal handler. Instead SIGINT stays blocked in every
 * thread and one dedicated thread takes it with sigwait() and calls the
 * library from ordinary thread context.
 *
 * This file holds the command's only mutable global state: the session that
 * is running (if any), shared between the main thread and the watcher.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Ctrl-C presses during one run after which we stop waiting for the library
 * and leave: the first interrupts, the second is a reminder, the third is an
 * escape hatch in case the guest cannot be stopped. */
#define FORCE_EXIT_PRESSES 3

static struct {
    pthread_mutex_t lock;
    mpbox_session *running; /* guarded by lock */
    int presses;            /* guarded by lock: Ctrl-C count in this run */
    int exit_when_idle;     /* set before the thread starts, then read-only */
} watch = {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0};

static void *watch_main(void *arg)
{
    sigset_t set;
    (void)arg;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    for (;;) {
        int sig;
        if (sigwait(&set, &sig) != 0)
            continue;
        pthread_mutex_lock(&watch.lock);
        if (watch.running) {
            if (++watch.presses >= FORCE_EXIT_PRESSES) {
                static const char msg[] = "\nmpbox: interrupted again; exiting without waiting for the guest\n";
                (void)!write(2, msg, sizeof msg - 1);
                _exit(APP_EXIT_INTERRUPTED);
            }
            mpbox_session_interrupt(watch.running);
        } else if (watch.exit_when_idle) {
            /* E.g. while reading a program from stdin: nothing to stop. */
            _exit(APP_EXIT_INTERRUPTED);
        }
        /* In the REPL, a Ctrl-C between runs is handled by libedit (it
         * reads ^C as a character), so a stray signal is just dropped. */
        pthread_mutex_unlock(&watch.lock);
    }
    return NULL;
}

int cli_sigwatch_start(int exit_when_idle)
{
    sigset_t set;
    pthread_t tid;

    watch.exit_when_idle = exit_when_idle;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
        return -1;
    if (pthread_create(&tid, NULL, watch_main, NULL) != 0)
        return -1;
    pthread_detach(tid);
    return 0;
}

void cli_sigwatch_begin(mpbox_session *s)
{
    pthread_mutex_lock(&watch.lock);
    watch.running = s;
    watch.presses = 0;
    pthread_mutex_unlock(&watch.lock);
}

void cli_sigwatch_end(void)
{
    /* Taking the lock also waits out an interrupt call in progress, so the
     * caller may free the session right after this returns. */
    pthread_mutex_lock(&watch.lock);
    watch.running = NULL;
    pthread_mutex_unlock(&watch.lock);
}
