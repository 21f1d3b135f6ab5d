/*
 * exit.h — the exit statuses of the mpbox command, `mpbox mcp` and
 * `mpbox serve` (documented in --help and docs/mpbox.1).
 */
#ifndef MPBOX_APP_EXIT_H
#define MPBOX_APP_EXIT_H

enum {
    APP_EXIT_OK = 0,
    APP_EXIT_ERROR = 1,          /* uncaught Python exception */
    APP_EXIT_USAGE = 2,          /* bad option, value or file */
    APP_EXIT_INTERNAL = 70,      /* host-side failure (EX_SOFTWARE); also a
                                    failed --save-session after a run that
                                    itself ended with status 0 */
    APP_EXIT_FUEL = 122,         /* the run used its --fuel budget */
    APP_EXIT_TRUNCATED = 123,    /* output cap reached with --on-output-limit=stop */
    APP_EXIT_TIMEOUT = 124,      /* as timeout(1) */
    APP_EXIT_NOMEM = 125,        /* memory cap reached */
    APP_EXIT_TRAP = 126,         /* the guest trapped */
    APP_EXIT_INTERRUPTED = 130   /* Ctrl-C: 128 + SIGINT, as shells do */
};

#endif /* MPBOX_APP_EXIT_H */
