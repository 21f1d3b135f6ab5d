/*
 * fuel.c — the import behind deterministic fuel (docs/fuel.md).
 *
 * With FUEL=1 (the default build) guest/fuel instruments the guest: a
 * mutable i64 global "mpbox_fuel" (wasm2c accessor Z_micropythonZ_mpbox_fuel,
 * initially INT64_MAX = no budget) is decremented inline at function entries
 * and loop headers, and env.mpbox_out_of_fuel is called as soon as it is
 * negative. Running out of fuel is a trap like any other: the run unwinds
 * and reports MPB_TRAP_OUT_OF_FUEL. The global is left negative; the host
 * sets it again before the next run.
 */
#if MPBOX_FUEL

#include "host.h"

void Z_envZ_mpbox_out_of_fuel(struct Z_env_instance_t *env)
{
    mpb_host *h = (mpb_host *)env;
    mpb_rt_trap(h->call, MPB_TRAP_OUT_OF_FUEL);
}

#else

/* ISO C wants a translation unit to declare something. */
typedef int mpb_fuel_disabled;

#endif
