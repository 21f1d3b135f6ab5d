/*
 * trap.c — per-thread trap state and the signals that end guest execution.
 *
 * Guest code faults on purpose (out-of-bounds accesses land in the guard
 * region of its reservation; runaway recursion reaches the thread's stack
 * guard page), and the watchdog may need to stop it from another thread.
 * All three arrive as signals on the running thread; the handlers unwind to
 * the MPB_RT_TRY of the current call with siglongjmp, but only when that
 * thread is executing generated code (`in_guest`). Faults in host code are
 * passed to whatever handler was installed before us.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

/* The call running on this thread. initial-exec: read from signal handlers,
 * where a lazily allocated TLS block must not be touched. */
static __thread mpb_rt_call *tls_call __attribute__((tls_model("initial-exec")));
/* Imports refuse to run below this address of this thread's stack (0 = not
 * yet known). */
static __thread uintptr_t tls_stack_limit __attribute__((tls_model("initial-exec")));

/* Process-wide by nature: signal dispositions belong to the process. Written
 * once under pthread_once, read-only afterwards. */
static struct sigaction previous_segv, previous_bus;
static int init_status = -1;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_key_t altstack_key;

/* Room left for host code (imports, the signal handlers themselves) below
 * which an import refuses to run and traps with "call stack exhausted". */
#define STACK_RESERVE (256u * 1024)
#define ALTSTACK_SIZE (64u * 1024)

const char *mpb_trap_reason(int trap)
{
    switch (trap) {
    case MPB_TRAP_OOB: return "out of bounds memory access";
    case MPB_TRAP_INT_OVERFLOW: return "integer overflow";
    case MPB_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case MPB_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case MPB_TRAP_UNREACHABLE: return "unreachable executed";
    case MPB_TRAP_CALL_INDIRECT: return "invalid indirect call";
    case MPB_TRAP_UNCAUGHT_EXCEPTION: return "uncaught wasm exception";
    case MPB_TRAP_EXHAUSTION: return "call stack exhausted";
    case MPB_TRAP_HARD_STOP: return "hard stop";
    case MPB_TRAP_ABORT: return "guest called abort()";
    case MPB_TRAP_BAD_LONGJMP: return "longjmp without a matching setjmp";
    case MPB_TRAP_HOST_NOMEM: return "host out of memory";
    case MPB_TRAP_OUT_OF_FUEL: return "out of fuel";
    case MPB_TRAP_UNHANDLED:
        return "an exception was raised where nothing could catch it";
    default: return "unknown trap";
    }
}

static void pass_on(int sig, siginfo_t *info, void *uctx, const struct sigaction *prev)
{
    if (prev->sa_flags & SA_SIGINFO) {
        if (prev->sa_sigaction) {
            prev->sa_sigaction(sig, info, uctx);
            return;
        }
    } else if (prev->sa_handler == SIG_IGN) {
        return;
    } else if (prev->sa_handler != SIG_DFL) {
        prev->sa_handler(sig);
        return;
    }
    /* Default action: reinstall it; returning re-executes the faulting
     * instruction, which then terminates the process as it would have. */
    signal(sig, SIG_DFL);
}

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
    mpb_rt_call *c = tls_call;
    /* A first write to a page of a checkpointed memory, by guest or host
     * code: saved and made writable; the write is retried on return. */
    if (c && sig == SIGSEGV && mpb_track_fault(c->track, (uintptr_t)info->si_addr))
        return;
    if (c && c->in_guest) {
        uintptr_t addr = (uintptr_t)info->si_addr;
        uintptr_t base = (uintptr_t)c->mem_base;
        int trap = (addr - base < MPB_RESERVATION) ? MPB_TRAP_OOB : MPB_TRAP_EXHAUSTION;
        c->in_guest = 0;
        siglongjmp(c->jmp, trap);
    }
    pass_on(sig, info, uctx, sig == SIGBUS ? &previous_bus : &previous_segv);
}

static void on_stop(int sig, siginfo_t *info, void *uctx)
{
    (void)sig, (void)info, (void)uctx;
    mpb_rt_call *c = tls_call;
    /* A late signal for a call that already ended finds no request here. */
    if (!c || !atomic_load(&c->stop_requested))
        return;
    if (c->in_guest) {
        c->in_guest = 0;
        siglongjmp(c->jmp, MPB_TRAP_HARD_STOP);
    }
    /* In host code: the import traps when it returns (mpb_rt_check). */
}

int mpb_rt_stop_signal(void)
{
    return SIGRTMIN + 3;
}

static void free_altstack(void *p)
{
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    munmap(p, ALTSTACK_SIZE);
}

static void global_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &previous_segv) != 0 || sigaction(SIGBUS, &sa, &previous_bus) != 0)
        return;
    sa.sa_sigaction = on_stop;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    if (sigaction(mpb_rt_stop_signal(), &sa, NULL) != 0)
        return;
    if (pthread_key_create(&altstack_key, free_altstack) != 0)
        return;
    init_status = 0;
}

int mpb_rt_global_init(void)
{
    pthread_once(&init_once, global_init);
    return init_status;
}

/* Give this thread an alternate signal stack (so that a stack overflow in
 * guest code can still be handled) and learn where its stack ends. */
static void thread_init(void)
{
    stack_t cur;
    if (sigaltstack(NULL, &cur) == 0 && (cur.ss_flags & SS_DISABLE)) {
        void *p = mmap(NULL, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            stack_t st = {.ss_sp = p, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
            if (sigaltstack(&st, NULL) == 0)
                pthread_setspecific(altstack_key, p);
            else
                munmap(p, ALTSTACK_SIZE);
        }
    }
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    uintptr_t low = (uintptr_t)addr;
    if (low && size) {
        /* Small stacks keep a quarter for host code. */
        size_t reserve = size / 4 < STACK_RESERVE ? size / 4 : STACK_RESERVE;
        tls_stack_limit = low + reserve;
    } else {
        /* Unknown stack: assume 1 MiB below the current frame. */
        tls_stack_limit = (uintptr_t)__builtin_frame_address(0) - (1u << 20) + STACK_RESERVE;
    }
}

void mpb_rt_enter(mpb_rt_call *c, uint8_t *mem_base)
{
    if (!tls_stack_limit)
        thread_init();
    c->in_guest = 0;
    atomic_store(&c->stop_requested, 0);
    c->mem_base = mem_base;
    c->stack_limit = tls_stack_limit;
    c->thread = pthread_self();
    c->track = NULL;
    c->outer = tls_call;
    tls_call = c;
}

void mpb_rt_leave(mpb_rt_call *c)
{
    c->in_guest = 0;
    tls_call = c->outer;
}

_Noreturn void mpb_rt_trap(mpb_rt_call *c, int trap)
{
    c->in_guest = 0;
    siglongjmp(c->jmp, trap);
}

void mpb_rt_hard_stop(mpb_rt_call *c)
{
    atomic_store(&c->stop_requested, 1);
    pthread_kill(c->thread, mpb_rt_stop_signal());
}

/* Called by generated code (wasm-rt.h). */
void wasm_rt_trap(wasm_rt_trap_t code)
{
    mpb_rt_call *c = tls_call;
    if (!c)
        abort(); /* generated code ran outside MPB_RT_TRY: a host bug */
    int trap = (int)code;
    if (trap <= 0 || trap > MPB_TRAP_EXHAUSTION)
        trap = MPB_TRAP_UNREACHABLE;
    mpb_rt_trap(c, trap);
}
