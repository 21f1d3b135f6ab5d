/*
 * check.h — the smallest test harness: each case prints "PASS name" or
 * "FAIL name: file:line: condition", and the program exits non-zero when
 * any case failed. tests/run.sh adds the lines up.
 */
#ifndef MPB_CHECK_H
#define MPB_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failed_cases;
static int check_case_failed;
static const char *check_case_name;

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            if (!check_case_failed)                                                        \
                printf("FAIL %s: %s:%d: %s\n", check_case_name, __FILE__, __LINE__, #cond); \
            check_case_failed = 1;                                                         \
        }                                                                                  \
    } while (0)

/* CHECK with the two strings shown on failure. */
#define CHECK_STR(a, b)                                                                    \
    do {                                                                                   \
        const char *check_a_ = (a), *check_b_ = (b);                                       \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                   \
            if (!check_case_failed)                                                        \
                printf("FAIL %s: %s:%d: \"%s\" != \"%s\"\n", check_case_name, __FILE__,    \
                       __LINE__, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
            check_case_failed = 1;                                                         \
        }                                                                                  \
    } while (0)

#define RUN(fn)                                                                            \
    do {                                                                                   \
        check_case_name = #fn;                                                             \
        check_case_failed = 0;                                                             \
        fn();                                                                              \
        if (check_case_failed)                                                             \
            check_failed_cases++;                                                          \
        else                                                                               \
            printf("PASS %s\n", #fn);                                                      \
        fflush(stdout);                                                                    \
    } while (0)

#define CHECK_EXIT() return check_failed_cases ? 1 : 0

#endif
