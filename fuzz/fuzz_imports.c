/*
 * fuzz_imports.c — libFuzzer target: the input is a program of direct
 * import calls against a session, as a hostile guest would make them.
 *
 * Each step starts with an opcode byte:
 *   0..N-1  call import #op with 8 arguments, each decoded from a selector
 *           byte (an edge of memory or of 32 bits, a spot in the scratch
 *           area, or 4 raw bytes); N is every import the guest declares,
 *           in the order of the table generated from guest.h;
 *   N       poke: write up to 64 input bytes into guest memory (scratch
 *           area, or near the end of memory) to build iovecs, slots, paths;
 *   N + 1   run a short Python snippet from the input;
 *   N + 2   start over with a fresh session.
 * invoke_* may call real table entries with garbage arguments: the guest
 * may then do anything to its own memory, so those steps run under the
 * watchdog (200 ms) and a trap ends the session, as in a real run.
 * Asserted: no host crash; an import that returns leaves no invoke frame
 * behind, memory within its cap and consistent, traps are MPB_TRAP_*.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#define FUZZ_NAME "fuzz_imports"
#include "fuzz.h"
#include "gmem.h"

#define SCRATCH 4096u


static mpbox_runtime *rt;
static mpbox_session *s;
static uint32_t scratch;

#define ENV ((struct Z_env_instance_t *)&s->host)
#define WASI ((struct Z_wasi_snapshot_preview1_instance_t *)&s->host)

/* call_any_import(), N_IMPORTS, N_UNWINDING, import_names: every import
 * of this guest build, generated from guest.h (tools/import_table.sh). */
#include "import_table.h"

static uint64_t call_import(int id, const uint32_t *a)
{
    return call_any_import(ENV, WASI, id, a);
}

/* ---- input reader ------------------------------------------------------ */
typedef struct {
    const uint8_t *p;
    size_t n;
} input;

static int take(input *in, void *dst, size_t n)
{
    if (in->n < n)
        return -1;
    memcpy(dst, in->p, n);
    in->p += n;
    in->n -= n;
    return 0;
}

static uint8_t byte(input *in)
{
    uint8_t b = 0;
    take(in, &b, 1);
    return b;
}

static uint32_t arg(input *in)
{
    uint8_t sel = byte(in);
    uint32_t size = s->inst.w2c_memory.size, raw = 0;
    switch (sel >> 4) {
    case 0: return sel & 15;                                /* small numbers */
    case 1: return scratch + (uint32_t)(sel & 15) * 12;     /* slots / iovecs */
    case 2: return scratch + 256 + (uint32_t)(sel & 15) * 64; /* strings */
    case 3: return size - (sel & 15);                       /* end of memory */
    case 4: return size + (sel & 15);
    case 5: return 0xffffffffu - (sel & 15);                /* wraps */
    case 6: return 0x80000000u + (sel & 15);
    case 7: return (uint32_t)-100 + (sel & 15);             /* AT_FDCWD */
    case 8: return s->inst.w2c___indirect_function_table.size - 8 + (sel & 15);
    case 9: return 0x15555556u + (sel & 15);                /* n * 12 wraps */
    case 10: return 0x20000000u + (sel & 15);               /* n * 8 wraps */
    case 11: return (1u << (sel & 15)) * 4096u;             /* sizes, counts */
    default: take(in, &raw, 4); return raw;                 /* anything */
    }
}

/* ---- session ------------------------------------------------------------ */
static void fresh_session(void)
{
    if (s)
        mpbox_session_free(s);
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        DIE("session");
    mpbox_session_limit(s, MPBOX_LIMIT_MEMORY, 32u << 20);
    mpb_capture_reset(&s->host.out[0], 1u << 16);
    mpb_capture_reset(&s->host.out[1], 1u << 16);
    mpb_rt_call call;
    s->host.call = &call;
    volatile uint32_t p = 0;
    if (MPB_RT_TRY(&call, s->inst.w2c_memory.data) == 0)
        MPB_GUEST_CALL(&s->host, p = Z_micropythonZ_malloc(&s->inst, SCRATCH));
    mpb_rt_leave(&call);
    s->host.call = NULL;
    if (!p || !mpb_g_ok(&s->inst.w2c_memory, p, SCRATCH))
        DIE("scratch");
    scratch = p;
    memset(s->inst.w2c_memory.data + scratch, 0, SCRATCH);
}

/* After a run, the memory stays write-tracked (read-only but for what the
 * run wrote) until the next one: imports called, and pokes made, outside a
 * run must make it writable first, as rt.h asks of host code. */
static void writable(void)
{
    if (s->track.base && mpb_track_release(&s->track) != 0)
        DIE("track release");
}

/* One import call, as from the guest, under the watchdog. Returns the trap. */
static int guest_call(int id, const uint32_t *a)
{
    writable();
    mpb_rt_call call;
    mpb_host *h = &s->host;
    h->call = &call;
    h->jmp_top = NULL;
    h->print_guard = NULL;
    if (mpb_watchdog_arm(s, &call) != 0)
        DIE("watchdog");
    volatile uint64_t r = 0;
    int trap = MPB_RT_TRY(&call, s->inst.w2c_memory.data);
    if (trap == 0) {
        call.in_guest = 1; /* imports are called by guest code */
        r = call_import(id, a);
        if (h->jmp_top != NULL)
            DIE("import %s returned with an invoke frame left behind", import_names[id]);
        /* imports hand control back to guest code in guest mode (signals
         * may unwind it); the trampolines never leave it */
        if (!call.in_guest && id >= N_UNWINDING)
            DIE("import %s returned in host mode", import_names[id]);
    }
    mpb_rt_leave(&call);
    mpb_watchdog_disarm(s);
    h->call = NULL;
    h->jmp_top = NULL;
    h->print_guard = NULL;
    (void)r;
    return trap;
}

static void check_state(int id)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    if (m->pages > m->max_pages || m->size != m->pages * MPB_WASM_PAGE)
        DIE("memory state after import %d: pages %u max %u size %u", id, m->pages, m->max_pages, m->size);
    for (int i = 0; i < 2; i++)
        if (s->host.out[i].buf.len > s->host.out[i].cap)
            DIE("capture over its cap");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rt) {
        if (mpbox_runtime_new(&rt) != MPBOX_OK)
            DIE("runtime");
        mpbox_runtime_limit(rt, MPBOX_LIMIT_TIMEOUT_MS, 200);
        mpbox_runtime_limit(rt, MPBOX_LIMIT_GRACE_MS, 50);
    }
    fresh_session();
    input in = {data, size};
    int steps = 0;
    while (in.n > 0 && steps++ < 64) {
        int op = byte(&in) % (N_IMPORTS + 3);
        if (op < N_IMPORTS) {
            uint32_t a[8];
            for (int i = 0; i < 8; i++)
                a[i] = arg(&in);
            int trap = guest_call(op, a);
            if (trap != 0 && trap != MPB_TRAP_OOB && trap != MPB_TRAP_CALL_INDIRECT &&
                trap != MPB_TRAP_BAD_LONGJMP && trap != MPB_TRAP_ABORT && trap != MPB_TRAP_UNREACHABLE &&
                trap != MPB_TRAP_HARD_STOP && trap != MPB_TRAP_EXHAUSTION && trap != MPB_TRAP_INT_OVERFLOW &&
                trap != MPB_TRAP_DIV_BY_ZERO && trap != MPB_TRAP_INVALID_CONVERSION && trap != MPB_TRAP_OUT_OF_FUEL &&
                trap != MPB_TRAP_UNHANDLED)
                DIE("import %s: unexpected trap %d", import_names[op], trap);
            check_state(op);
            if (trap)
                fresh_session(); /* a real run loses the session here */
        } else if (op == N_IMPORTS) {
            uint8_t where = byte(&in), len = byte(&in) % 65;
            uint8_t buf[64];
            size_t got = len <= in.n ? len : in.n;
            take(&in, buf, got);
            uint32_t at = where & 0x80 ? s->inst.w2c_memory.size - 1 - (where & 0x7f)
                                       : scratch + (uint32_t)(where & 0x7f) * 16;
            writable();
            if (mpb_g_ok(&s->inst.w2c_memory, at, got))
                memcpy(s->inst.w2c_memory.data + at, buf, got);
        } else if (op == N_IMPORTS + 1) {
            uint8_t len = byte(&in);
            size_t got = len <= in.n ? len : in.n;
            mpbox_result *r = NULL;
            int rc = mpbox_run(s, (const char *)in.p, got, &r);
            in.p += got, in.n -= got;
            if (rc == MPBOX_LOST) {
                fresh_session();
                continue;
            }
            if (rc != MPBOX_OK || !r)
                DIE("mpbox_run: %d", rc);
            mpbox_result_free(r);
            check_state(61);
            mpb_capture_reset(&s->host.out[0], 1u << 16);
            mpb_capture_reset(&s->host.out[1], 1u << 16);
            if (mpbox_session_is_lost(s))
                fresh_session();
        } else {
            fresh_session();
        }
    }
    /* the host still serves a run on what is left (its outcome is the
     * guest's business after garbage calls, but it must not crash) */
    mpbox_result *r = NULL;
    int rc = mpbox_run(s, "print(1)", 8, &r);
    if (rc != MPBOX_OK && rc != MPBOX_LOST)
        DIE("final run: %d", rc);
    mpbox_result_free(r);
    return 0;
}
