/*
 * test_limit_table.c — the limit table (mpbox_limit_count, _info, _find):
 * one row per id, names unique, and the library takes exactly what a row
 * says: a new runtime has the defaults, and mpbox_runtime_limit and
 * mpbox_session_limit accept min..max and refuse the values around it.
 */
#include <stdint.h>

#include "check.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static void rows(void)
{
    CHECK(mpbox_limit_count() == MPBOX_LIMIT_COUNT_);
    CHECK(mpbox_limit_info(-1) == NULL && mpbox_limit_info(MPBOX_LIMIT_COUNT_) == NULL);
    for (int i = 0; i < mpbox_limit_count(); i++) {
        const mpbox_limit_desc *d = mpbox_limit_info(i);
        CHECK(d && d->id == i && d->name && d->name[0] && d->help && d->help[0]);
        if (!d)
            continue;
        CHECK(mpbox_limit_find(d->name) == i);
        CHECK(d->min >= 0 && d->min <= d->default_value && d->default_value <= d->max);
        CHECK(d->unit >= MPBOX_UNIT_BYTES && d->unit <= MPBOX_UNIT_CHOICE);
        if (d->unit == MPBOX_UNIT_BOOL || d->unit == MPBOX_UNIT_CHOICE)
            CHECK(d->min == 0 && d->max == 1);
        CHECK((d->unit == MPBOX_UNIT_CHOICE) == (d->values[0] != NULL && d->values[1] != NULL));
        CHECK(d->also == -1 || (d->also >= 0 && d->also < MPBOX_LIMIT_COUNT_ && d->also != i));
        for (const char *p = d->name; *p; p++)
            CHECK((*p >= 'a' && *p <= 'z') || *p == '_');
    }
    CHECK(mpbox_limit_find("no_such_limit") == -1 && mpbox_limit_find(NULL) == -1);
    /* the names the command and the server have always used */
    CHECK(mpbox_limit_find("memory") == MPBOX_LIMIT_MEMORY);
    CHECK(mpbox_limit_find("timeout") == MPBOX_LIMIT_TIMEOUT_MS);
    CHECK(mpbox_limit_find("max_output") == MPBOX_LIMIT_STDOUT);
    CHECK(mpbox_limit_find("on_output_limit") == MPBOX_LIMIT_OUTPUT_STOP);
    CHECK_STR(mpbox_limit_info(MPBOX_LIMIT_OUTPUT_STOP)->values[1], "stop");
    CHECK(mpbox_limit_info(MPBOX_LIMIT_STDOUT)->also == MPBOX_LIMIT_STDERR);
    CHECK(mpbox_limit_info(MPBOX_LIMIT_SEED)->default_value == 0);
}

static void library_follows_the_table(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    for (int i = 0; s && i < mpbox_limit_count(); i++) {
        const mpbox_limit_desc *d = mpbox_limit_info(i);
        CHECK(mpbox_runtime_limit(rt, i, -1) == d->default_value);
        CHECK(mpbox_session_limit(s, i, -1) == d->default_value);
        CHECK(mpbox_runtime_limit(rt, i, d->max) == d->default_value);
        CHECK(mpbox_runtime_limit(rt, i, d->min) == d->max);
        if (d->max < INT64_MAX)
            CHECK(mpbox_runtime_limit(rt, i, d->max + 1) == -1);
        if (d->min > 0)
            CHECK(mpbox_runtime_limit(rt, i, d->min - 1) == -1);
        CHECK(mpbox_runtime_limit(rt, i, d->default_value) == d->min);
        if (i == MPBOX_LIMIT_MEMORY)
            continue; /* a cap below the session's memory is another test */
        int64_t max_ok = mpbox_session_limit(s, i, d->max);
        CHECK(max_ok == d->default_value);
        if (d->max < INT64_MAX)
            CHECK(mpbox_session_limit(s, i, d->max + 1) == -1);
        CHECK(mpbox_session_limit(s, i, d->default_value) == d->max);
    }
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime: mpbox_runtime_new failed\n");
        return 1;
    }
    RUN(rows);
    RUN(library_follows_the_table);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
