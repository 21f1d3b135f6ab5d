/*
 * emscripten.c — the Emscripten runtime imports: setjmp/longjmp trampolines,
 * heap growth, abort, clocks and randomness.
 *
 * Emscripten compiles setjmp/longjmp (MicroPython's nlr) into calls through
 * `invoke_*(index, args...)`: the host calls table[index] and, if the callee
 * reaches `_emscripten_throw_longjmp`, lands back in the trampoline, restores
 * the guest stack pointer and reports the throw with the export setThrew.
 * These are the hottest imports (about 40% of guest time), so they use GCC's
 * __builtin_setjmp, which saves only what the calling convention needs.
 */
#include <time.h>

#include "host.h"

/* The callee of invoke #idx, checked like call_indirect: in the table, not
 * null, and of the expected signature. */
static inline const wasm_rt_funcref_t *callee(mpb_host *h, uint32_t idx, int sig)
{
    const wasm_rt_funcref_table_t *t = &h->inst->w2c___indirect_function_table;
    if (idx >= t->size || !t->data[idx].func || t->data[idx].func_type != h->sigs[sig])
        mpb_rt_trap(h->call, MPB_TRAP_CALL_INDIRECT);
    return &t->data[idx];
}

/* Back from a longjmp: pop the frame, restore the stack pointer (the VM
 * frames below it are gone: host/exc.c), set __THREW__ through the guest's
 * own setThrew. */
static void landed(mpb_host *h, mpb_jmp *j, uint32_t sp)
{
    h->jmp_top = j->prev;
    Z_micropythonZ__emscripten_stack_restore(h->inst, sp);
    mpb_exc_unwound(h, sp);
    Z_micropythonZ_setThrew(h->inst, 1, 0);
}

/* The trampolines stay "in guest": they hold no host resources, so a hard
 * stop may unwind straight through them. */
#define INVOKE_V(name, sig, PARAMS, ARGTYPES, ARGS)                                      \
    void name(struct Z_env_instance_t *env, uint32_t idx PARAMS)                        \
    {                                                                                    \
        mpb_host *h = (mpb_host *)env;                                                   \
        const wasm_rt_funcref_t *f = callee(h, idx, sig);                                \
        uint32_t sp = h->inst->w2c_g0;                                                   \
        mpb_jmp j;                                                                       \
        j.prev = h->jmp_top;                                                             \
        h->jmp_top = &j;                                                                 \
        if (__builtin_setjmp(j.buf) == 0) {                                              \
            ((void (*)(void *ARGTYPES))f->func)(f->module_instance ARGS);                \
            h->jmp_top = j.prev;                                                         \
            return;                                                                      \
        }                                                                                \
        landed(h, &j, sp);                                                               \
    }

#define INVOKE_I(name, sig, PARAMS, ARGTYPES, ARGS)                                      \
    uint32_t name(struct Z_env_instance_t *env, uint32_t idx PARAMS)                    \
    {                                                                                    \
        mpb_host *h = (mpb_host *)env;                                                   \
        const wasm_rt_funcref_t *f = callee(h, idx, sig);                                \
        uint32_t sp = h->inst->w2c_g0;                                                   \
        mpb_jmp j;                                                                       \
        j.prev = h->jmp_top;                                                             \
        h->jmp_top = &j;                                                                 \
        if (__builtin_setjmp(j.buf) == 0) {                                              \
            uint32_t r = ((uint32_t(*)(void *ARGTYPES))f->func)(f->module_instance ARGS); \
            h->jmp_top = j.prev;                                                         \
            return r;                                                                    \
        }                                                                                \
        landed(h, &j, sp);                                                               \
        return 0;                                                                        \
    }

#define P1 , uint32_t a1
#define P2 P1, uint32_t a2
#define P3 P2, uint32_t a3
#define P4 P3, uint32_t a4
#define P5 P4, uint32_t a5
#define T1 , uint32_t
#define T2 T1, uint32_t
#define T3 T2, uint32_t
#define T4 T3, uint32_t
#define T5 T4, uint32_t
#define A1 , a1
#define A2 A1, a2
#define A3 A2, a3
#define A4 A3, a4
#define A5 A4, a5

INVOKE_V(Z_envZ_invoke_v, MPB_SIG_V1, , , )
INVOKE_V(Z_envZ_invoke_vi, MPB_SIG_V2, P1, T1, A1)
INVOKE_V(Z_envZ_invoke_vii, MPB_SIG_V3, P2, T2, A2)
INVOKE_V(Z_envZ_invoke_viii, MPB_SIG_V4, P3, T3, A3)
INVOKE_V(Z_envZ_invoke_viiii, MPB_SIG_V5, P4, T4, A4)
INVOKE_I(Z_envZ_invoke_i, MPB_SIG_I1, , , )
INVOKE_I(Z_envZ_invoke_ii, MPB_SIG_I2, P1, T1, A1)
INVOKE_I(Z_envZ_invoke_iii, MPB_SIG_I3, P2, T2, A2)
INVOKE_I(Z_envZ_invoke_iiii, MPB_SIG_I4, P3, T3, A3)
INVOKE_I(Z_envZ_invoke_iiiii, MPB_SIG_I5, P4, T4, A4)
INVOKE_I(Z_envZ_invoke_iiiiii, MPB_SIG_I6, P5, T5, A5)

void Z_envZ__emscripten_throw_longjmp(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    if (!h->jmp_top)
        mpb_rt_trap(h->call, MPB_TRAP_BAD_LONGJMP);
    __builtin_longjmp(h->jmp_top->buf, 1);
}

/* nlr_jump_fail (guest/excchain): an exception was raised with no
 * handler left, as when the uncaught exception's __repr__ raises while its
 * traceback is printed. MicroPython spins forever there. Inside the print
 * guard (host/exc.c) it lands there; anywhere else the run ends now. */
void Z_envZ_mpbox_nlr_jump_fail(struct Z_env_instance_t *env, uint32_t exc)
{
    mpb_host *h = (mpb_host *)env;
    (void)exc;
    if (h->print_guard)
        __builtin_longjmp(h->print_guard->buf, 1);
    mpb_rt_trap(h->call, MPB_TRAP_UNHANDLED);
}

/* Grow linear memory to at least `requested` bytes, with the same 20%
 * over-allocation as Emscripten's JS runtime, but never past the cap
 * (memory.max_pages, set from MPBOX_LIMIT_MEMORY). Returns 1 on success; 0
 * makes the guest's malloc return NULL, which MicroPython turns into
 * MemoryError. */
uint32_t Z_envZ_emscripten_resize_heap(struct Z_env_instance_t *env, uint32_t requested)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    wasm_rt_memory_t *mem = &h->inst->w2c_memory;
    uint64_t cap = (uint64_t)mem->max_pages * MPB_WASM_PAGE;
    uint64_t want = ((uint64_t)requested + MPB_WASM_PAGE - 1) / MPB_WASM_PAGE * MPB_WASM_PAGE;
    uint32_t ok = 0;
    if (want <= (uint64_t)mem->pages * MPB_WASM_PAGE) {
        ok = 1; /* already that large (Emscripten never asks for less) */
    } else if (want <= cap) {
        uint64_t old = (uint64_t)mem->pages * MPB_WASM_PAGE;
        uint64_t over = old + old / 5;
        if (over > want + (96u << 20))
            over = want + (96u << 20);
        uint64_t target = over > want ? over : want;
        target = (target + MPB_WASM_PAGE - 1) / MPB_WASM_PAGE * MPB_WASM_PAGE;
        if (target > cap)
            target = cap;
        ok = mpb_rt_grow_to(mem, (uint32_t)(target / MPB_WASM_PAGE)) == 0 ||
             mpb_rt_grow_to(mem, (uint32_t)(want / MPB_WASM_PAGE)) == 0;
    }
    if (!ok)
        mpb_host_memory_refused(h);
    MPB_IMPORT_LEAVE(h);
    return ok;
}

void mpb_host_memory_refused(mpb_host *h)
{
    if (!h->oom) {
        h->oom = 1;
        if (h->on_oom)
            h->on_oom(h);
    }
}

void Z_envZ__abort_js(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_trap(h->call, MPB_TRAP_ABORT);
}

static uint32_t ms_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ms = (int64_t)(now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
    return (uint32_t)ms;
}

/* time.sleep() busy-polls this clock. After many calls within one
 * millisecond, wait for the next one instead of spinning; a pending hard
 * stop is noticed here too (time.sleep never checks for KeyboardInterrupt). */
uint32_t Z_envZ_mp_js_ticks_ms(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    if (h->state.deterministic) {
        uint32_t v = (uint32_t)h->state.virtual_ms++;
        MPB_IMPORT_LEAVE(h);
        return v;
    }
    uint32_t t = ms_since(&h->epoch);
    if (t == h->last_tick) {
        if (++h->same_tick_calls > 64) {
            struct timespec pause = {0, 200000};
            nanosleep(&pause, NULL);
            t = ms_since(&h->epoch);
        }
    } else {
        h->same_tick_calls = 0;
    }
    h->last_tick = t;
    MPB_IMPORT_LEAVE(h);
    return t;
}

double Z_envZ_mp_js_time_ms(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    double ms = (double)now.tv_sec * 1000.0 + (double)(now.tv_nsec / 1000000);
    if (h->state.deterministic)
        ms = 1767225600000.0 + (double)h->state.virtual_ms++; /* MPBOX_DETERMINISTIC_EPOCH_MS */
    MPB_IMPORT_LEAVE(h);
    return ms;
}

void mpb_host_seed(mpb_host *h, uint64_t seed)
{
    uint64_t z = seed;
    for (int i = 0; i < 2; i++) {
        z += 0x9e3779b97f4a7c15ull;
        uint64_t x = z;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
        h->state.rng[i] = (x ^ (x >> 31)) | 1;
    }
}

/* xoroshiro128+ seeded per session: random.seed() without an argument and
 * the first `import random` take a word from here. */
uint32_t Z_envZ_mp_js_random_u32(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    uint64_t s0 = h->state.rng[0], s1 = h->state.rng[1];
    uint64_t r = s0 + s1;
    s1 ^= s0;
    h->state.rng[0] = ((s0 << 24) | (s0 >> 40)) ^ s1 ^ (s1 << 16);
    h->state.rng[1] = (s1 << 37) | (s1 >> 27);
    MPB_IMPORT_LEAVE(h);
    return (uint32_t)(r >> 32);
}
