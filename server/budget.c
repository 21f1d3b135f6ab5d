/*
 * budget.c — see budget.h.
 */
#include "budget.h"

int budget_take(struct budget *b, uint64_t n)
{
    uint_least64_t cur = atomic_load(&b->used);
    do {
        if (b->cap && (n > b->cap || cur > b->cap - n))
            return -1;
    } while (!atomic_compare_exchange_weak(&b->used, &cur, cur + n));
    return 0;
}

void budget_give(struct budget *b, uint64_t n)
{
    atomic_fetch_sub(&b->used, n);
}
