/*
 * test_fork.c — a runtime keeps working in a child made by fork(), as the
 * worker processes of `mpbox serve` use it: timeouts (the watchdog thread,
 * which does not survive fork), the memory cap and traps.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "mpbox.h"

static mpbox_runtime *rt;

/* In the child: one run with a 150 ms timeout and a 32 MiB cap; the exit
 * status is the run's status (or 100 + an API error). */
static int child_run(const char *src)
{
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        return 100;
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 150);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 100);
    mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, 32 << 20);
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, src, strlen(src), &r);
    int status = rc == MPBOX_OK ? (int)mpbox_result_status(r) : 100 + rc;
    mpbox_result_free(r);
    mpbox_session_free(s);
    return status;
}

/* Fork, run src in the child, return its exit status (-1: it did not
 * exit normally, e.g. killed by the 10 s alarm that guards a hang). */
static int in_child(const char *src)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(10);
        _exit(child_run(src));
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

static void child_runs(void)
{
    CHECK(in_child("print(1+1)") == MPBOX_STATUS_OK);
}

static void child_timeout(void)
{
    CHECK(in_child("while True:\n    pass\n") == MPBOX_STATUS_TIMEOUT);
}

static void child_memory_cap(void)
{
    CHECK(in_child("x = bytearray(64 * 1024 * 1024)") == MPBOX_STATUS_OUT_OF_MEMORY);
}

/* A load outside linear memory: SIGSEGV in the guard region, handled. */
static void child_trap(void)
{
    CHECK(in_child("import uctypes\nb = uctypes.bytearray_at(0x7FFFFFF0, 64)\nprint(b[0])\n") ==
          MPBOX_STATUS_TRAP);
    /* runaway recursion (frames with many locals: the Python stack runs
     * out after ~1000 calls, well within the child's 150 ms even under ASan) */
    CHECK(in_child("def f(a=1, b=2, c=3, d=4, e=5, g=6, h=7, i=8, j=9, k=10):\n"
                   "    x1 = x2 = x3 = x4 = x5 = x6 = x7 = x8 = x9 = x10 = 0\n"
                   "    f()\n"
                   "f()\n") == MPBOX_STATUS_ERROR);
}

/* The parent ran with a deadline first, so its watchdog thread exists;
 * the child has no such thread and must get one of its own. */
static void child_timeout_after_parent_watchdog(void)
{
    CHECK(child_run("while True:\n    pass\n") == MPBOX_STATUS_TIMEOUT);
    CHECK(in_child("while True:\n    pass\n") == MPBOX_STATUS_TIMEOUT);
    CHECK(in_child("print('still')") == MPBOX_STATUS_OK);
    /* and the parent's own watchdog still works */
    CHECK(child_run("while True:\n    pass\n") == MPBOX_STATUS_TIMEOUT);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL runtime_new\n");
        return 1;
    }
    RUN(child_runs);
    RUN(child_timeout);
    RUN(child_memory_cap);
    RUN(child_trap);
    RUN(child_timeout_after_parent_watchdog);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
