/*
 * track.c — write tracking of a linear memory, for checkpoints.
 *
 * Before a run the tracked range is made read-only. The first write to each
 * 4 KiB page faults; the fault handler (trap.c) calls mpb_track_fault, which
 * copies the page's old contents to the undo area and makes the page
 * writable again, and the write is retried. A run that must be undone puts
 * the saved pages back; a run that is kept just makes the range writable.
 * Typical small runs write 5-10 pages, so a checkpoint costs two mprotect
 * calls and a handful of page copies.
 *
 * mpb_track_fault runs in a signal handler: it only copies memory and calls
 * mprotect, both async-signal-safe, on buffers allocated beforehand.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

#define PAGE 4096u

void mpb_track_init(mpb_track *t)
{
    memset(t, 0, sizeof *t);
}

void mpb_track_free(mpb_track *t)
{
    if (t->undo)
        munmap(t->undo, t->capacity);
    free(t->saved_bits);
    free(t->saved_list);
    memset(t, 0, sizeof *t);
}

/* Make room to track `bytes` of memory. Returns 0 or -1. */
static int reserve(mpb_track *t, size_t bytes)
{
    if (bytes <= t->capacity)
        return 0;
    size_t pages = bytes / PAGE;
    void *undo = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    uint8_t *bits = calloc((pages + 7) / 8, 1);
    uint32_t *list = malloc(sizeof *list * pages);
    if (undo == MAP_FAILED || !bits || !list) {
        if (undo != MAP_FAILED)
            munmap(undo, bytes);
        free(bits);
        free(list);
        return -1;
    }
    mpb_track_free(t);
    t->undo = undo;
    t->saved_bits = bits;
    t->saved_list = list;
    t->capacity = bytes;
    return 0;
}

static void save_page(mpb_track *t, size_t page)
{
    memcpy(t->undo + page * PAGE, t->base + page * PAGE, PAGE);
    t->saved_bits[page / 8] |= (uint8_t)(1u << (page % 8));
    t->saved_list[t->saved_count++] = (uint32_t)page;
}

static int is_saved(const mpb_track *t, size_t page)
{
    return t->saved_bits[page / 8] >> (page % 8) & 1;
}

int mpb_track_begin(mpb_track *t, uint8_t *base, size_t bytes, const uint32_t *hot, int nhot)
{
    if (reserve(t, bytes) != 0)
        return -1;
    /* The previous checkpoint's bits: clear only what was set. */
    for (size_t i = 0; i < t->saved_count; i++)
        t->saved_bits[t->saved_list[i] / 8] = 0;
    t->saved_count = 0;
    t->base = base;
    t->bytes = bytes;
    /* Pages other threads write (the watchdog's interrupt words) are saved
     * now and stay writable: a fault there would happen on a thread that
     * has no call to handle it. */
    for (int i = 0; i < nhot; i++) {
        size_t page = hot[i] / PAGE;
        if ((size_t)hot[i] < bytes && !is_saved(t, page))
            save_page(t, page);
    }
    if (mprotect(base, bytes, PROT_READ) != 0)
        return -1;
    for (size_t i = 0; i < t->saved_count; i++)
        if (mprotect(base + (size_t)t->saved_list[i] * PAGE, PAGE, PROT_READ | PROT_WRITE) != 0)
            return -1;
    t->active = 1;
    return 0;
}

int mpb_track_fault(mpb_track *t, uintptr_t addr)
{
    if (!t || !t->active || addr - (uintptr_t)t->base >= t->bytes)
        return 0;
    size_t page = (addr - (uintptr_t)t->base) / PAGE;
    if (is_saved(t, page))
        return 0; /* already writable: not a tracking fault */
    save_page(t, page);
    return mprotect(t->base + page * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0;
}

int mpb_track_end(mpb_track *t, int undo)
{
    if (!t->active)
        return 0;
    t->active = 0;
    if (undo) {
        /* Writable first: the copies below write to read-only pages too
         * when a page was saved but its write never completed. */
        if (mprotect(t->base, t->bytes, PROT_READ | PROT_WRITE) != 0)
            return -1;
        for (size_t i = 0; i < t->saved_count; i++) {
            size_t page = t->saved_list[i];
            memcpy(t->base + page * PAGE, t->undo + page * PAGE, PAGE);
        }
        return 0;
    }
    return mprotect(t->base, t->bytes, PROT_READ | PROT_WRITE);
}

size_t mpb_track_pages(const mpb_track *t)
{
    return t->saved_count;
}
