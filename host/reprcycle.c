/*
 * reprcycle.c — which lists and dicts are being printed (imports
 * env.mpbox_repr_enter and env.mpbox_repr_leave, guest/reprcycle.c).
 *
 * A list or dict met again while it is being printed prints as "[...]" or
 * "{...}", as in CPython. Each print passes a mark, a stack pointer below
 * its caller's, so marks fall as prints nest. A print that raises never
 * leaves: its entries are dropped where the exception lands
 * (mpb_exc_unwound) or when a run starts (core/exec.c), and enter drops
 * any entry whose mark is not above its own (a print that cannot be its
 * caller's).
 */
#include "host.h"

/* Returns 1 when obj is being printed already (print "[...]", no leave
 * follows), else records it and returns 0. */
u32 Z_envZ_mpbox_repr_enter(struct Z_env_instance_t *env, u32 obj, u32 mark)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    mpb_repr_unwound(h, mark + 1);
    for (uint32_t i = 0; i < h->repr_depth; i++)
        if (h->repr_obj[i] == obj) {
            MPB_IMPORT_LEAVE(h);
            return 1;
        }
    /* past the depth kept, nothing is recorded: leave finds no entry of
     * its mark and drops nothing of the outer prints */
    if (h->repr_depth < MPB_REPR_DEPTH) {
        h->repr_obj[h->repr_depth] = obj;
        h->repr_mark[h->repr_depth++] = mark;
    }
    MPB_IMPORT_LEAVE(h);
    return 0;
}

void Z_envZ_mpbox_repr_leave(struct Z_env_instance_t *env, u32 mark)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    mpb_repr_unwound(h, mark + 1);
    MPB_IMPORT_LEAVE(h);
}

void mpb_repr_unwound(mpb_host *h, uint32_t stack_pointer)
{
    while (h->repr_depth && h->repr_mark[h->repr_depth - 1] < stack_pointer)
        h->repr_depth--;
}
