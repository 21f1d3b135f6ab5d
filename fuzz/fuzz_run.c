/*
 * fuzz_run.c — libFuzzer target: the input is Python source, run in a
 * session with small limits (32 MiB memory, 200 ms timeout, 50 ms grace).
 * Whatever the source does, mpbox_run must return a result with a valid
 * status, a trap must lose the session (it is then recreated), and the
 * host must never crash. A first byte '!' selects interactive (echo) mode.
 *
 * Build: make fuzz (see fuzz/Makefile). Run: build-fuzz/fuzz_run fuzz/corpus_run
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NAME "fuzz_run"
#include "fuzz.h"

static mpbox_runtime *rt;
static mpbox_session *s;
static unsigned runs_on_session;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* not in LLVMFuzzerInitialize: see fuzz_runtime() */
    if (!rt)
        rt = fuzz_runtime();
    /* a fresh session now and then: state piles up across runs */
    if (s && (mpbox_session_is_lost(s) || runs_on_session >= 200)) {
        mpbox_session_free(s);
        s = NULL;
    }
    if (!s) {
        if (mpbox_session_new(rt, &s) != MPBOX_OK)
            DIE("session");
        runs_on_session = 0;
    }
    runs_on_session++;

    unsigned flags = 0;
    if (size && data[0] == '!') {
        flags = MPBOX_RUN_ECHO;
        data++, size--;
    }
    mpbox_result *r = NULL;
    int rc = mpbox_run_ex(s, (const char *)data, size, flags, &r);
    if (rc != MPBOX_OK || !r)
        DIE("mpbox_run_ex returned %d (%s)", rc, mpbox_errstr(rc));
    mpbox_status st = mpbox_result_status(r);
    if (st < MPBOX_STATUS_OK || st > MPBOX_STATUS_OUT_OF_FUEL)
        DIE("bad status %d", (int)st);
    /* a trap rolls the session back (or loses it when that fails) */
    mpbox_session_state state = mpbox_result_session_state(r);
    if (st == MPBOX_STATUS_TRAP && (state == MPBOX_SESSION_KEPT || !mpbox_result_trap_reason(r)))
        DIE("trap with the run's effects kept");
    if (mpbox_result_session_lost(r) != mpbox_session_is_lost(s))
        DIE("lost flags disagree");
    if (mpbox_result_peak_memory(r) > (32u << 20))
        DIE("memory cap passed: %llu", (unsigned long long)mpbox_result_peak_memory(r));
    int exit_code = 0;
    size_t n0 = 0, n1 = 0;
    const char *o = mpbox_result_stdout(r, &n0);
    const char *e = mpbox_result_stderr(r, &n1);
    if (n0 > (1u << 16) || n1 > (1u << 16) || (n0 && !o) || (n1 && !e))
        DIE("output cap passed");
    if (st == MPBOX_STATUS_ERROR && !mpbox_result_error_type(r) && !mpbox_result_exit_code(r, &exit_code))
        DIE("error without a type");
    /* every accessor and the JSON form must cope with the guest's bytes */
    (void)mpbox_result_error_message(r);
    (void)mpbox_result_traceback(r);
    size_t jn = 0;
    char *json = mpbox_result_json(r, &jn);
    if (!json || strlen(json) != jn)
        DIE("json");
    mpbox_free(json);
    mpbox_result_free(r);
    return 0;
}
