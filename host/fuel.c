/*
 * fuel.c — deterministic fuel (docs/fuel.md): the import behind the
 * guest's counter, and the charges for host work done on the guest's
 * behalf.
 *
 * With FUEL=1 (the default build) guest/fuel instruments the guest: a
 * mutable i64 global "mpbox_fuel" (wasm2c accessor Z_micropythonZ_mpbox_fuel,
 * initially INT64_MAX = no budget) is decremented inline at function entries
 * and loop headers, and env.mpbox_out_of_fuel is called as soon as it is
 * negative. Running out of fuel is a trap like any other: the run unwinds
 * and reports MPB_TRAP_OUT_OF_FUEL. The global is left negative; the host
 * sets it again before the next run.
 *
 * Host work is charged to the same counter (host.h, MPB_FUEL_*): every
 * import on entry, and per byte or step of the work it did before it
 * returns. An import whose work overdraws the budget ends the run with the
 * same trap when it returns, at a point where it holds no host resources.
 */
#include "host.h"

#if MPBOX_FUEL

static int64_t *counter(const mpb_host *h) { return (int64_t *)Z_micropythonZ_mpbox_fuel(h->inst); }

void Z_envZ_mpbox_out_of_fuel(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_trap(h->call, MPB_TRAP_OUT_OF_FUEL);
}

int64_t mpb_host_fuel_left(const mpb_host *h)
{
    return *counter(h);
}

void mpb_host_spend(mpb_host *h, uint64_t units)
{
    int64_t *f = counter(h);
    /* in unsigned arithmetic, offset by 2^63 (room: how far above
     * INT64_MIN the counter is); saturate there, never wrap */
    const uint64_t bias = 1ull << 63;
    uint64_t room = (uint64_t)*f + bias;
    uint64_t left = units > room ? 0 : room - units;
    *f = left >= bias ? (int64_t)(left - bias) : -(int64_t)(bias - left - 1) - 1;
}

void mpb_host_fuel_check(mpb_host *h)
{
    if (*counter(h) < 0)
        mpb_rt_trap(h->call, MPB_TRAP_OUT_OF_FUEL);
}

#endif

void mpb_host_settle(mpb_host *h)
{
    uint64_t work = h->state.vfs.work;
    h->state.vfs.work = 0;
    mpb_host_spend(h, work);
    mpb_host_fuel_check(h);
}

#if !MPBOX_FUEL

int64_t mpb_host_fuel_left(const mpb_host *h)
{
    (void)h;
    return INT64_MAX;
}

void mpb_host_spend(mpb_host *h, uint64_t units) { (void)h, (void)units; }
void mpb_host_fuel_check(mpb_host *h) { (void)h; }

#endif
