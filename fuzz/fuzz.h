/*
 * fuzz.h — what every libFuzzer target here shares: the abort with a
 * message and, for targets that run guest code, the sanitizer options the
 * library's own fault handling needs and a runtime with small limits.
 * Define FUZZ_NAME (the target's name, a string) before including it.
 */
#ifndef MPB_FUZZ_H
#define MPB_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#include "mpbox.h"

#define DIE(...)                                                               \
    do {                                                                       \
        fprintf(stderr, FUZZ_NAME ": " __VA_ARGS__);                           \
        fputc('\n', stderr);                                                   \
        abort();                                                               \
    } while (0)

#ifndef FUZZ_OWN_ASAN_OPTIONS
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    /* guest code faults on purpose: the library handles SIGSEGV itself */
    return "handle_segv=0:handle_sigbus=0:allow_user_segv_handler=1:detect_leaks=0";
}
#endif

/* A runtime for hostile runs: 32 MiB, 200 ms (+50 ms grace), 64 KiB of
 * each output. Call it from the first input, not LLVMFuzzerInitialize:
 * libFuzzer installs its crash handlers after that, and the library's
 * SIGSEGV handler must sit in front of them (it passes on faults that are
 * not the guest's). */
static inline mpbox_runtime *fuzz_runtime(void)
{
    mpbox_runtime *rt = NULL;
    if (mpbox_runtime_new(&rt) != MPBOX_OK)
        DIE("runtime");
    mpbox_runtime_limit(rt, MPBOX_LIMIT_MEMORY, 32u << 20);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_TIMEOUT_MS, 200);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_GRACE_MS, 50);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_STDOUT, 1u << 16);
    mpbox_runtime_limit(rt, MPBOX_LIMIT_STDERR, 1u << 16);
    return rt;
}

#endif /* MPB_FUZZ_H */
