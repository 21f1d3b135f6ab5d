/*
 * reprcycle.c — the chain of lists and dicts being printed, where an
 * exception unwinds their prints (guest/reprcycle.c).
 *
 * Each print of a list or dict links a 16-byte frame {previous, object}
 * on the guest's shadow stack under the global mpbox_repr_head, and
 * unlinks it when it returns. A print that raises never returns: where
 * the exception lands (mpb_exc_unwound), the frames below the restored
 * stack pointer are unlinked here, before any guest code runs again, so
 * their links are still in place.
 */
#include "gmem.h"
#include "host.h"

void mpb_repr_unwound(mpb_host *h, uint32_t stack_pointer)
{
    uint32_t *head = &h->inst->w2c_mpbox_repr_head;
    while (*head && *head < stack_pointer)
        if (mpb_g_u32(&h->inst->w2c_memory, *head, head) != 0)
            *head = 0;
}
