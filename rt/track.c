/*
 * track.c — write tracking of a linear memory, for checkpoints.
 *
 * Pages of a tracked memory are read-only unless they are in the writable
 * set. At a checkpoint every page of the writable set is copied to the undo
 * area first; a write to any other page faults, and the fault handler
 * (trap.c) calls mpb_track_fault, which copies the page, makes it writable
 * and adds it to the set; the write is then retried. Undoing a run copies
 * the saved pages back.
 *
 * The writable set adapts: the pages a run writes are usually the pages the
 * next run writes (the heap's free blocks, the GC's tables), so they stay
 * writable and are copied up front at the next checkpoint, without a fault;
 * a page left unchanged by IDLE_RUNS runs in a row goes back to read-only
 * (pages are often written every other run: the heap alternates). A typical small
 * run then costs a handful of 4 KiB copies and compares, and no fault.
 *
 * Incremental snapshots (core/delta.c) need the pages changed since the
 * last save: a kept run marks in dirty_bits the pages it left different
 * from their saved copy (the comparison the ageing makes anyway), until
 * mpb_track_clean. An undone run changed nothing. The hot pages (written
 * from other threads at any time) are not marked: callers take them as
 * changed.
 *
 * mpb_track_fault runs in a signal handler: it only copies memory, sets
 * bits and calls mprotect, on buffers allocated beforehand.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rt.h"

#define PAGE 4096u
#define IDLE_RUNS 8

static int bit(const uint8_t *bits, size_t i) { return bits[i / 8] >> (i % 8) & 1; }
static void set_bit(uint8_t *bits, size_t i) { bits[i / 8] |= (uint8_t)(1u << (i % 8)); }
static void clear_bit(uint8_t *bits, size_t i) { bits[i / 8] &= (uint8_t)~(1u << (i % 8)); }

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
    free(t->rw_bits);
    free(t->rw_list);
    free(t->idle);
    free(t->dirty_bits);
    memset(t, 0, sizeof *t);
}

/* Make room to track `bytes` of memory, keeping the current sets. */
static int reserve(mpb_track *t, size_t bytes)
{
    if (bytes <= t->capacity)
        return 0;
    size_t pages = bytes / PAGE, old_pages = t->capacity / PAGE;
    void *undo = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    uint8_t *saved_bits = calloc((pages + 7) / 8, 1), *rw_bits = calloc((pages + 7) / 8, 1);
    uint32_t *saved_list = malloc(sizeof *saved_list * pages), *rw_list = malloc(sizeof *rw_list * pages);
    uint8_t *idle = calloc(pages, 1), *dirty_bits = calloc((pages + 7) / 8, 1);
    if (undo == MAP_FAILED || !saved_bits || !rw_bits || !saved_list || !rw_list || !idle || !dirty_bits) {
        if (undo != MAP_FAILED)
            munmap(undo, bytes);
        free(saved_bits);
        free(rw_bits);
        free(saved_list);
        free(rw_list);
        free(idle);
        free(dirty_bits);
        return -1;
    }
    if (t->rw_bits) {
        memcpy(rw_bits, t->rw_bits, (old_pages + 7) / 8);
        memcpy(dirty_bits, t->dirty_bits, (old_pages + 7) / 8);
        memcpy(rw_list, t->rw_list, sizeof *rw_list * t->rw_count);
        memcpy(idle, t->idle, old_pages);
    }
    size_t rw_count = t->rw_count;
    uint8_t *base = t->base;
    size_t tracked = t->bytes;
    mpb_track_free(t);
    t->undo = undo;
    t->saved_bits = saved_bits;
    t->saved_list = saved_list;
    t->rw_bits = rw_bits;
    t->rw_list = rw_list;
    t->idle = idle;
    t->dirty_bits = dirty_bits;
    t->rw_count = rw_count;
    t->capacity = bytes;
    t->base = base;
    t->bytes = tracked;
    return 0;
}

static void save_page(mpb_track *t, size_t page)
{
    memcpy(t->undo + page * PAGE, t->base + page * PAGE, PAGE);
    set_bit(t->saved_bits, page);
    t->saved_list[t->saved_count++] = (uint32_t)page;
}

static void add_writable(mpb_track *t, size_t page)
{
    set_bit(t->rw_bits, page);
    t->idle[page] = 0;
    t->rw_list[t->rw_count++] = (uint32_t)page;
}

int mpb_track_release(mpb_track *t)
{
    int rc = 0;
    if (t->base && t->bytes)
        rc = mprotect(t->base, t->bytes, PROT_READ | PROT_WRITE);
    for (size_t i = 0; i < t->rw_count; i++)
        clear_bit(t->rw_bits, t->rw_list[i]);
    t->rw_count = 0;
    t->base = NULL;
    t->bytes = 0;
    t->active = 0;
    return rc;
}

int mpb_track_begin(mpb_track *t, uint8_t *base, size_t bytes, const uint32_t *hot, int nhot)
{
    if (t->base && t->base != base && mpb_track_release(t) != 0)
        return -1;
    if (reserve(t, bytes) != 0)
        return -1;
    if (!t->base) {
        /* First checkpoint: everything read-only but the hot pages (other
         * threads write them: a fault there would find no call to handle
         * it), which stay writable for good. */
        t->base = base;
        t->bytes = bytes;
        if (mprotect(base, bytes, PROT_READ) != 0)
            return -1;
        for (int i = 0; i < nhot; i++) {
            size_t page = hot[i] / PAGE;
            if ((size_t)hot[i] < bytes && !bit(t->rw_bits, page)) {
                if (mprotect(base + page * PAGE, PAGE, PROT_READ | PROT_WRITE) != 0)
                    return -1;
                add_writable(t, page);
            }
        }
        t->hot_count = t->rw_count;
    } else if (bytes > t->bytes) {
        /* the memory grew since the last checkpoint */
        if (mprotect(base + t->bytes, bytes - t->bytes, PROT_READ) != 0)
            return -1;
        t->bytes = bytes;
    }
    for (size_t i = 0; i < t->saved_count; i++)
        clear_bit(t->saved_bits, t->saved_list[i]);
    t->saved_count = 0;
    for (size_t i = 0; i < t->rw_count; i++)
        save_page(t, t->rw_list[i]);
    t->presaved = t->saved_count;
    t->faults = 0;
    t->active = 1;
    return 0;
}

int mpb_track_fault(mpb_track *t, uintptr_t addr)
{
    if (!t || !t->active || addr - (uintptr_t)t->base >= t->bytes)
        return 0;
    size_t page = (addr - (uintptr_t)t->base) / PAGE;
    if (bit(t->rw_bits, page))
        return 0; /* writable already: not a tracking fault */
    save_page(t, page);
    if (mprotect(t->base + page * PAGE, PAGE, PROT_READ | PROT_WRITE) != 0)
        return 0;
    add_writable(t, page);
    t->faults++;
    return 1;
}

int mpb_page_is_zero(const uint8_t *p)
{
    const uint64_t *w = (const uint64_t *)p;
    for (size_t i = 0; i < PAGE / 8; i++)
        if (w[i])
            return 0;
    return 1;
}

/* After a large checkpoint, give the undo area's memory back. */
#define UNDO_KEEP_PAGES 256

static void forget_undo(mpb_track *t)
{
    if (t->saved_count > UNDO_KEEP_PAGES)
        madvise(t->undo, t->capacity, MADV_DONTNEED);
}

int mpb_track_end(mpb_track *t, int undo)
{
    if (!t->active)
        return 0;
    t->active = 0;
    if (undo) {
        for (size_t i = 0; i < t->saved_count; i++) {
            size_t page = t->saved_list[i];
            uint8_t *dst = t->base + page * PAGE;
            /* A page that was zero is decommitted rather than rewritten:
             * the rolled-back session needs no memory for it. */
            if (mpb_page_is_zero(t->undo + page * PAGE) && madvise(dst, PAGE, MADV_DONTNEED) == 0)
                continue;
            memcpy(dst, t->undo + page * PAGE, PAGE);
        }
    }
    if (undo) {
        forget_undo(t);
        return 0;
    }
    /* Pages the run did not change age; old enough, they go back to
     * read-only (the hot pages, first in the list, stay writable). */
    size_t kept = t->hot_count;
    for (size_t i = t->hot_count; i < t->rw_count; i++) {
        size_t page = t->rw_list[i];
        if (!bit(t->saved_bits, page) || memcmp(t->base + page * PAGE, t->undo + page * PAGE, PAGE) != 0) {
            t->idle[page] = 0;
            set_bit(t->dirty_bits, page);
        } else if (t->idle[page] < IDLE_RUNS)
            t->idle[page]++;
        if (t->idle[page] >= IDLE_RUNS && mprotect(t->base + page * PAGE, PAGE, PROT_READ) == 0)
            clear_bit(t->rw_bits, page);
        else
            t->rw_list[kept++] = (uint32_t)page;
    }
    t->rw_count = kept;
    forget_undo(t); /* after the comparisons, which read it */
    return 0;
}

size_t mpb_track_pages(const mpb_track *t)
{
    return t->saved_count;
}

int mpb_track_dirty(const mpb_track *t, size_t page)
{
    return page < t->capacity / PAGE && bit(t->dirty_bits, page);
}

void mpb_track_clean(mpb_track *t)
{
    if (t->dirty_bits)
        memset(t->dirty_bits, 0, (t->capacity / PAGE + 7) / 8);
}
