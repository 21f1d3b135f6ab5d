/*
 * fuzz_session.h — what the fuzz targets of saved sessions (fuzz_snapshot,
 * fuzz_delta) share: sanitizer options, the abort with a message, a run
 * whose result is checked, the checksum trailer, and counts of how inputs
 * ended. Define FUZZ_NAME before including it.
 */
#ifndef MPB_FUZZ_SESSION_H
#define MPB_FUZZ_SESSION_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    /* guest code faults on purpose: the library handles SIGSEGV itself */
    return "handle_segv=0:handle_sigbus=0:allow_user_segv_handler=1:detect_leaks=0";
}

#define DIE(...)                                                               \
    do {                                                                       \
        fprintf(stderr, FUZZ_NAME ": " __VA_ARGS__);                           \
        fputc('\n', stderr);                                                   \
        abort();                                                               \
    } while (0)

/* How the inputs ended (printed at exit when asked): whether they get past
 * the checksum to the structural checks and to running. */
static struct {
    unsigned long loaded, ran_ok, other_rc;
    const char *why[32];
    unsigned long why_count[32];
} stats;

static void count_refusal(const char *why)
{
    for (int i = 0; i < 32; i++) {
        if (stats.why[i] == why || !stats.why[i]) {
            stats.why[i] = why;
            stats.why_count[i]++;
            return;
        }
    }
}

static void print_stats(void)
{
    fprintf(stderr, FUZZ_NAME ": loaded %lu (probe ran ok %lu), host failures %lu\n", stats.loaded, stats.ran_ok,
            stats.other_rc);
    for (int i = 0; i < 32 && stats.why[i]; i++)
        fprintf(stderr, FUZZ_NAME ": refused %8lu  %s\n", stats.why_count[i], stats.why[i]);
}

/* Run src in s and check the result's shape; NULL when s is lost. */
static mpbox_result *run(mpbox_session *s, const char *src)
{
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, src, strlen(src), &r);
    if (rc == MPBOX_LOST)
        return NULL; /* a patched session may be unusable: fine */
    if (rc != MPBOX_OK || !r)
        DIE("mpbox_run returned %d (%s)", rc, mpbox_errstr(rc));
    mpbox_status st = mpbox_result_status(r);
    if (st < MPBOX_STATUS_OK || st > MPBOX_STATUS_OUT_OF_FUEL)
        DIE("bad status %d", (int)st);
    if (mpbox_result_session_lost(r) != mpbox_session_is_lost(s))
        DIE("lost flags disagree");
    size_t jn = 0;
    char *json = mpbox_result_json(r, &jn);
    if (!json || strlen(json) != jn)
        DIE("json");
    mpbox_free(json);
    return r;
}

/* The checksum that ends a snapshot or a delta (no key: no MAC). */
static void reseal(uint8_t *buf, size_t len)
{
    if (len < 8)
        return;
    uint64_t sum = mpb_checksum(buf, len - 8, 0);
    memcpy(buf + len - 8, &sum, 8);
}

static int sealed(const uint8_t *buf, size_t len)
{
    if (len < 8)
        return 0;
    uint64_t sum;
    memcpy(&sum, buf + len - 8, 8);
    return sum == mpb_checksum(buf, len - 8, 0);
}

#endif /* MPB_FUZZ_SESSION_H */
