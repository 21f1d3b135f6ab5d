/*
 * guest.c — the one place core/ calls the guest's exports (the functions
 * wasm2c generates as Z_micropythonZ_*). Each says what the export does for
 * us. All but mpb_guest_init_module, mpb_guest_instantiate and
 * mpb_guest_interrupt run inside a guest call (MPB_RT_TRY ... mpb_rt_leave, with h->call set), through
 * MPB_GUEST_CALL: a trap unwinds to that call. (host/ calls the exports its
 * own imports rely on: map, sort, gc, fuel, exceptions.)
 */
#include "core.h"

static pthread_once_t module_once = PTHREAD_ONCE_INIT;
static void init_module(void)
{
    Z_micropython_init_module(); /* fills the generated func_types table */
}

/* Once per process, before the first instance. */
void mpb_guest_init_module(void)
{
    pthread_once(&module_once, init_module);
}

void mpb_guest_instantiate(mpbox_session *s)
{
    Z_micropython_instantiate(&s->inst, (struct Z_env_instance_t *)&s->host,
                              (struct Z_wasi_snapshot_preview1_instance_t *)&s->host);
}

/* The build's own start-up, as the npm package's loader does it: the shadow
 * stack, C constructors, MicroPython with a Python stack of `pystack_words`
 * and a first heap of `heap_bytes`, then the JS-proxy table. */
void mpb_guest_start(mpbox_session *s, uint32_t pystack_words, uint32_t heap_bytes)
{
    mpb_host *h = &s->host;
    MPB_GUEST_CALL(h, Z_micropythonZ_emscripten_stack_init(&s->inst));
    MPB_GUEST_CALL(h, Z_micropythonZ___wasm_call_ctors(&s->inst));
    MPB_GUEST_CALL(h, Z_micropythonZ_mp_js_init(&s->inst, pystack_words, heap_bytes));
    MPB_GUEST_CALL(h, Z_micropythonZ_proxy_c_init(&s->inst));
}

/* 1 when the stack exports report what the globals hold (global 0 the
 * pointer, 3 the base, 2 the end), which the host moves and checks. */
int mpb_guest_stack_globals_ok(mpbox_session *s)
{
    mpb_host *h = &s->host;
    uint32_t sp, base, end;
    MPB_GUEST_CALL(h, sp = Z_micropythonZ_emscripten_stack_get_current(&s->inst));
    MPB_GUEST_CALL(h, base = Z_micropythonZ_emscripten_stack_get_base(&s->inst));
    MPB_GUEST_CALL(h, end = Z_micropythonZ_emscripten_stack_get_end(&s->inst));
    return sp == s->inst.w2c_g0 && base == s->inst.w2c_g3 && end == s->inst.w2c_g2;
}

uint32_t mpb_guest_malloc(mpbox_session *s, uint32_t len)
{
    uint32_t p;
    MPB_GUEST_CALL(&s->host, p = Z_micropythonZ_malloc(&s->inst, len ? len : 1));
    return p;
}

void mpb_guest_free(mpbox_session *s, uint32_t p)
{
    MPB_GUEST_CALL(&s->host, Z_micropythonZ_free(&s->inst, p));
}

/* Compile and run `len` bytes of source at `code` in __main__; the outcome
 * is written to the 12-byte slot (a JS-proxy value: kind, then two words). */
void mpb_guest_exec(mpbox_session *s, uint32_t code, uint32_t len, uint32_t slot)
{
    MPB_GUEST_CALL(&s->host, Z_micropythonZ_mp_js_do_exec(&s->inst, code, len, slot));
}

/* Drop the guest's proxy-table reference to a Python object it handed out. */
void mpb_guest_release_object(mpbox_session *s, uint32_t ref)
{
    MPB_GUEST_CALL(&s->host, Z_micropythonZ_proxy_c_free_obj(&s->inst, ref));
}

/* Raise KeyboardInterrupt: the export only stores a few words
 * (mp_pending_exception, the scheduler state), which the VM polls after
 * jumps. Plain stores, safe from another thread (the watchdog). */
void mpb_guest_interrupt(mpbox_session *s)
{
    Z_micropythonZ_mp_sched_keyboard_interrupt(&s->inst);
}

#if MPBOX_FUEL
/* The fuel counter is a wasm global added at build time (guest/fuel.c); it
 * is part of the instance, so checkpoints and snapshots carry it. */
void mpb_guest_set_fuel(mpbox_session *s, int64_t v) { *(int64_t *)Z_micropythonZ_mpbox_fuel(&s->inst) = v; }
int64_t mpb_guest_fuel(mpbox_session *s) { return *(int64_t *)Z_micropythonZ_mpbox_fuel(&s->inst); }
#else
void mpb_guest_set_fuel(mpbox_session *s, int64_t v) { (void)s, (void)v; }
int64_t mpb_guest_fuel(mpbox_session *s) { (void)s; return 0; }
#endif
