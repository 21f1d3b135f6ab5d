/*
 * budget.h — a quantity the server may hold at most so much of, taken and
 * given back from any thread: the bytes of the state directory (evicted
 * sessions and spooled snapshots, spool.h), for instance.
 */
#ifndef MPBOX_SERVER_BUDGET_H
#define MPBOX_SERVER_BUDGET_H

#include <stdatomic.h>
#include <stdint.h>

struct budget {
    atomic_uint_least64_t used;
    uint64_t cap; /* 0: no limit (used is still counted) */
};

/* Take n: 0, or -1 (nothing taken) when that would pass the cap. */
int budget_take(struct budget *b, uint64_t n);
/* Give back n taken earlier. */
void budget_give(struct budget *b, uint64_t n);

#endif
