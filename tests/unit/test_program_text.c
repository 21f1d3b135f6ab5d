/*
 * test_program_text.c — during a run the guest can read the program's text
 * as js.mpbox_internal("source", ""), which lib/python/_classbody.py uses for
 * dataclass fields and enum order (MicroPython keeps neither).
 */
#include <stdint.h>

#include "check.h"
#include "mpbox.h"
#include "session.h"

static mpbox_runtime *rt;
static mpbox_session *s;

static mpbox_result *run(const char *src, unsigned flags)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run_ex(s, src, strlen(src), flags, &r) == MPBOX_OK);
    CHECK(r != NULL);
    return r;
}

/* The program prints the text it gets; that must be itself. */
static void text_is_the_program(void)
{
    static const char src[] =
        "import js\n"
        "t = js.mpbox_internal('source', '')\n"
        "print(len(t), t.startswith('import js'), t.endswith('# é\\n'))\n"
        "# é\n";
    char want[64];
    /* len() counts characters: each of the two 'é' is two bytes */
    snprintf(want, sizeof want, "%zu True True\n", strlen(src) - 2);
    mpbox_result *r = run(src, 0);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), want);
    mpbox_result_free(r);
}

/* Each run sees its own text, also through the return-value wrapper. */
static void each_run_its_own(void)
{
    mpbox_result *r = run("import js\nsrc = lambda: js.mpbox_internal('source', '')\n", 0);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    mpbox_result_free(r);
    r = run("src()", MPBOX_RUN_RETURN_VALUE);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_return_value(r), "\"src()\"");
    mpbox_result_free(r);
}

/* Invalid UTF-8 in the program arrives as U+FFFD; asking is not a host
 * function call (not counted against the run's limit). */
static void invalid_utf8(void)
{
    mpbox_result *r = run("import js\nprint(repr(js.mpbox_internal('source', '')[-8:]))\n#\xff\n", 0);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "':]))\\n#\xef\xbf\xbd\\n'\n"); /* printable: as is */
    CHECK(mpbox_result_host_calls(r) == 0);
    mpbox_result_free(r);
}

/* What it is for: dataclass fields without defaults, enum order. */
static void dataclass_and_enum(void)
{
    mpbox_result *r = run("from dataclasses import dataclass\n"
                          "from enum import Enum\n"
                          "@dataclass\n"
                          "class P:\n"
                          "    x: int\n"
                          "    y: int = 0\n"
                          "class C(Enum):\n"
                          "    Z = 'z'\n"
                          "    A = 'a'\n"
                          "print(P(1), [c.name for c in C])\n",
                          0);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "P(x=1, y=0) ['Z', 'A']\n");
    mpbox_result_free(r);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("cannot create a runtime\n");
        return 1;
    }
    stress_timeouts(rt);
    s = new_session(rt);
    RUN(text_is_the_program);
    RUN(each_run_its_own);
    RUN(invalid_utf8);
    RUN(dataclass_and_enum);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
