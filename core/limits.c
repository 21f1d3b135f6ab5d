/*
 * limits.c — the one table of limits: id, name, unit, default and range of
 * each. It drives the runtime's defaults and the checks of
 * mpbox_runtime_limit / mpbox_session_limit / mpbox_session_load here, and,
 * through mpbox_limit_info(), the flags of the command and the server and
 * the JSON names of the server's API (app/limits.c). A new limit is a new
 * row here, a new id in include/mpbox.h, and the code that enforces it.
 */
#include <string.h>

#include "core.h"

#if MPBOX_FUEL
#define FUEL_MAX INT64_MAX
#else
#define FUEL_MAX 0 /* only "no limit" without fuel metering */
#endif

static const mpbox_limit_desc table[] = {
    {MPBOX_LIMIT_MEMORY, "memory", MPBOX_UNIT_BYTES, MPBOX_DEFAULT_MEMORY, MPBOX_MIN_MEMORY,
     (int64_t)MPBOX_MAX_MEMORY, 0, {NULL, NULL}, -1, "guest memory cap"},
    {MPBOX_LIMIT_TIMEOUT_MS, "timeout", MPBOX_UNIT_MS, MPBOX_DEFAULT_TIMEOUT_MS, 0, MPBOX_MAX_TIMEOUT_MS,
     MPBOX_LIMIT_ZERO_IS_NONE, {NULL, NULL}, -1, "wall-clock time per run; 0 = no limit"},
    {MPBOX_LIMIT_GRACE_MS, "grace", MPBOX_UNIT_MS, MPBOX_DEFAULT_GRACE_MS, 0, MPBOX_MAX_TIMEOUT_MS, 0,
     {NULL, NULL}, -1, "time between the soft interrupt and the hard stop"},
    {MPBOX_LIMIT_STDOUT, "max_output", MPBOX_UNIT_BYTES, MPBOX_DEFAULT_OUTPUT, 0, INT64_MAX, 0, {NULL, NULL},
     MPBOX_LIMIT_STDERR, "bytes of output kept per run, stdout and stderr each"},
    {MPBOX_LIMIT_STDERR, "max_stderr", MPBOX_UNIT_BYTES, MPBOX_DEFAULT_OUTPUT, 0, INT64_MAX, 0, {NULL, NULL}, -1,
     "bytes of stderr kept per run (after max_output)"},
    {MPBOX_LIMIT_OUTPUT_STOP, "on_output_limit", MPBOX_UNIT_CHOICE, 0, 0, 1, MPBOX_LIMIT_SETTING,
     {"drop", "stop"}, -1, "past an output cap: drop further output, or stop the run"},
    {MPBOX_LIMIT_ROLLBACK, "rollback", MPBOX_UNIT_BOOL, 1, 0, 1, MPBOX_LIMIT_SETTING, {NULL, NULL}, -1,
     "undo a run that ends in a hard stop, trap or out_of_memory"},
    {MPBOX_LIMIT_FUEL, "fuel", MPBOX_UNIT_COUNT, 0, 0, FUEL_MAX, MPBOX_LIMIT_ZERO_IS_NONE, {NULL, NULL}, -1,
     "units of guest work per run (docs/fuel.md); 0 = no limit"},
    {MPBOX_LIMIT_DETERMINISTIC, "deterministic", MPBOX_UNIT_BOOL, 0, 0, 1, MPBOX_LIMIT_SETTING, {NULL, NULL},
     -1, "virtual clock and seeded random numbers"},
    {MPBOX_LIMIT_SEED, "seed", MPBOX_UNIT_COUNT, 0, 0, INT64_MAX, MPBOX_LIMIT_SETTING, {NULL, NULL}, -1,
     "seed of the random source in deterministic mode"},
    {MPBOX_LIMIT_FILES_BYTES, "files_bytes", MPBOX_UNIT_BYTES, 64ll << 20, 0, INT64_MAX, 0, {NULL, NULL}, -1,
     "bytes of file data in the scratch area"},
    {MPBOX_LIMIT_FILES_COUNT, "files_count", MPBOX_UNIT_COUNT, 1000, 0, INT64_MAX, 0, {NULL, NULL}, -1,
     "files and directories in the scratch area"},
    {MPBOX_LIMIT_HOST_ARG_BYTES, "host_arg_bytes", MPBOX_UNIT_BYTES, 1ll << 20, 0, UINT32_MAX / 2, 0,
     {NULL, NULL}, -1, "JSON bytes of one host call's arguments"},
    {MPBOX_LIMIT_HOST_RESULT_BYTES, "host_result_bytes", MPBOX_UNIT_BYTES, 16ll << 20, 0, INT64_MAX, 0,
     {NULL, NULL}, -1, "JSON bytes of one host call's result"},
    {MPBOX_LIMIT_HOST_DEPTH, "host_depth", MPBOX_UNIT_COUNT, 64, 0, MPB_JSON_MAX_DEPTH, 0, {NULL, NULL}, -1,
     "nesting depth of a host call's JSON values"},
    {MPBOX_LIMIT_HOST_CALLS, "host_calls", MPBOX_UNIT_COUNT, 10000, 0, INT64_MAX, 0, {NULL, NULL}, -1,
     "host calls per run"},
};

_Static_assert(sizeof table / sizeof table[0] == MPBOX_LIMIT_COUNT_, "one row per limit id, in id order");

int mpbox_limit_count(void)
{
    return MPBOX_LIMIT_COUNT_;
}

const mpbox_limit_desc *mpbox_limit_info(int id)
{
    if (id < 0 || id >= MPBOX_LIMIT_COUNT_)
        return NULL;
    return &table[id];
}

int mpbox_limit_find(const char *name)
{
    for (int i = 0; name && i < MPBOX_LIMIT_COUNT_; i++)
        if (strcmp(table[i].name, name) == 0)
            return i;
    return -1;
}

int mpb_limit_invalid(int id, int64_t value)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    return !d || value < d->min || value > d->max;
}

void mpb_limit_defaults(int64_t out[MPBOX_LIMIT_COUNT_])
{
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        out[i] = table[i].default_value;
}
