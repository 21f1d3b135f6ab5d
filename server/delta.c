/*
 * delta.c — see delta.h.
 *
 * Encoding walks the new snapshot. Where the previous block matched block
 * j of the old one, block j + 1 is tried first with the strong hash alone
 * (the common case: most of a snapshot is unchanged and in place); else
 * the rolling checksum of the block-sized window is looked up among the old
 * blocks, and a window that matches none moves on by one byte, which
 * becomes a literal.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "delta.h"
#include "io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define B DL_BLOCK
static const char magic[8] = {'M', 'P', 'B', 'D', 'L', 'T', '0', '1'};
enum { OP_END = 0, OP_COPY = 1, OP_LITERAL = 2 };

struct dl_index {
    uint64_t len, key;
    uint32_t nblocks;
    uint32_t *weak;   /* per block */
    uint64_t *strong; /* per block */
    uint32_t mask;    /* of the table */
    uint32_t *table;  /* block + 1, 0: empty; open addressing on weak */
};

/* The rolling checksum of rsync: a = sum of the bytes, b = sum of the
 * running sums a, both mod 2^16. */
static uint32_t weak_sum(const uint8_t *p, uint32_t *a_out, uint32_t *b_out)
{
    uint32_t a = 0, b = 0;
    for (uint32_t i = 0; i < B; i++) {
        a += p[i];
        b += (B - i) * (uint32_t)p[i];
    }
    *a_out = a & 0xffff;
    *b_out = b & 0xffff;
    return (a & 0xffff) | (b & 0xffff) << 16;
}

/* A keyed 64-bit hash of one block. */
static uint64_t strong_hash(const uint8_t *p, uint64_t key)
{
    uint64_t h = key ^ 0x6a09e667f3bcc909ull, g = ~key;
    for (uint32_t i = 0; i < B; i += 16) {
        uint64_t x, y;
        memcpy(&x, p + i, 8);
        memcpy(&y, p + i + 8, 8);
        h = (h ^ x) * 0xff51afd7ed558ccdull;
        g = (g ^ y) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 32;
        g ^= g >> 29;
    }
    h ^= g * 0x9e3779b97f4a7c15ull;
    h ^= h >> 33;
    return h * 0xff51afd7ed558ccdull;
}

static uint32_t slot_of(uint32_t weak, uint32_t mask) { return (weak * 0x9e3779b1u) & mask; }

struct dl_index *dl_index_new(const void *data, size_t len)
{
    struct dl_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->len = len;
    ix->nblocks = (uint32_t)(len / B);
    if (len / B > UINT32_MAX / 4 || getrandom(&ix->key, sizeof ix->key, 0) != (ssize_t)sizeof ix->key) {
        free(ix);
        return NULL;
    }
    uint32_t size = 16;
    while (size < 2 * ix->nblocks)
        size *= 2;
    ix->mask = size - 1;
    ix->weak = malloc(sizeof *ix->weak * (ix->nblocks ? ix->nblocks : 1));
    ix->strong = malloc(sizeof *ix->strong * (ix->nblocks ? ix->nblocks : 1));
    ix->table = calloc(size, sizeof *ix->table);
    if (!ix->weak || !ix->strong || !ix->table) {
        dl_index_free(ix);
        return NULL;
    }
    const uint8_t *p = data;
    for (uint32_t j = 0; j < ix->nblocks; j++) {
        uint32_t a, b;
        ix->weak[j] = weak_sum(p + (size_t)j * B, &a, &b);
        ix->strong[j] = strong_hash(p + (size_t)j * B, ix->key);
        /* identical blocks are entered once: any of them will do, and long
         * runs of one content would otherwise make long probe chains */
        uint32_t s = slot_of(ix->weak[j], ix->mask);
        for (;; s = (s + 1) & ix->mask) {
            uint32_t k = ix->table[s];
            if (k == 0) {
                ix->table[s] = j + 1;
                break;
            }
            if (ix->weak[k - 1] == ix->weak[j] && ix->strong[k - 1] == ix->strong[j])
                break;
        }
    }
    return ix;
}

void dl_index_free(struct dl_index *ix)
{
    if (!ix)
        return;
    free(ix->weak);
    free(ix->strong);
    free(ix->table);
    free(ix);
}

uint64_t dl_index_len(const struct dl_index *ix) { return ix ? ix->len : 0; }

/* The old block whose bytes are those at p (weak sum given), or -1. */
static int64_t find_block(const struct dl_index *ix, const uint8_t *p, uint32_t weak)
{
    uint64_t strong = 0;
    int have = 0;
    for (uint32_t s = slot_of(weak, ix->mask);; s = (s + 1) & ix->mask) {
        uint32_t k = ix->table[s];
        if (k == 0)
            return -1;
        if (ix->weak[k - 1] != weak)
            continue;
        if (!have) {
            strong = strong_hash(p, ix->key);
            have = 1;
        }
        if (ix->strong[k - 1] == strong)
            return (int64_t)k - 1;
    }
}

static void put_u32(struct mpb_buf *out, uint32_t v) { mpb_buf_append(out, &v, 4); }

/* Pending operations, merged: a run of consecutive copies is one. */
struct emit {
    struct mpb_buf *out;
    uint32_t copy_first, copy_count;
};

static void flush_copy(struct emit *e)
{
    if (!e->copy_count)
        return;
    uint8_t op = OP_COPY;
    mpb_buf_append(e->out, &op, 1);
    put_u32(e->out, e->copy_first);
    put_u32(e->out, e->copy_count);
    e->copy_count = 0;
}

static void emit_literal(struct emit *e, const uint8_t *p, size_t n)
{
    if (n == 0)
        return;
    flush_copy(e);
    while (n > 0) {
        uint32_t k = n > (1u << 30) ? 1u << 30 : (uint32_t)n;
        uint8_t op = OP_LITERAL;
        mpb_buf_append(e->out, &op, 1);
        put_u32(e->out, k);
        mpb_buf_append(e->out, p, k);
        p += k;
        n -= k;
    }
}

static void emit_copy(struct emit *e, uint32_t block)
{
    if (e->copy_count && e->copy_first + e->copy_count == block) {
        e->copy_count++;
        return;
    }
    flush_copy(e);
    e->copy_first = block;
    e->copy_count = 1;
}

int dl_encode(const struct dl_index *ix, const void *data, size_t len, struct mpb_buf *out)
{
    const uint8_t *d = data;
    mpb_buf_append(out, magic, sizeof magic);
    pb_u64(out, ix->len);
    pb_u64(out, len);
    struct emit e = {out, 0, 0};
    size_t p = 0, lit = 0;
    int64_t next = -1; /* the old block expected next */
    int rolling = 0;
    uint32_t a = 0, b = 0;
    while (p + B <= len && !out->failed) {
        int64_t j = -1;
        if (next >= 0 && next < ix->nblocks && strong_hash(d + p, ix->key) == ix->strong[next]) {
            j = next;
        } else {
            if (!rolling) {
                weak_sum(d + p, &a, &b);
                rolling = 1;
            }
            j = find_block(ix, d + p, a | b << 16);
        }
        if (j >= 0) {
            emit_literal(&e, d + lit, p - lit);
            emit_copy(&e, (uint32_t)j);
            p += B;
            lit = p;
            next = j + 1;
            rolling = 0;
            continue;
        }
        next = -1;
        /* slide the window by one byte */
        if (p + B < len) {
            uint32_t out_b = d[p], in_b = d[p + B];
            a = (a - out_b + in_b) & 0xffff;
            b = (b - B * out_b + a) & 0xffff;
        }
        p++;
    }
    emit_literal(&e, d + lit, len - lit);
    flush_copy(&e);
    uint8_t end = OP_END;
    mpb_buf_append(out, &end, 1);
    return out->failed ? -1 : 0;
}


int dl_apply(int old_fd, uint64_t old_len, const void *delta, size_t dlen, int new_fd, uint64_t *new_len, char *err,
             size_t errcap)
{
    struct pr_in in = {delta, dlen, 0, 0};
    int magic_ok = dlen >= sizeof magic && memcmp(delta, magic, sizeof magic) == 0;
    in.off = magic_ok ? sizeof magic : dlen;
    uint64_t want_old = pi_u64(&in), want_new = pi_u64(&in);
    if (!magic_ok || in.bad) {
        snprintf(err, errcap, "a delta in the store is malformed (header)");
        return -1;
    }
    if (want_old != old_len) {
        snprintf(err, errcap, "a delta in the store does not follow the state before it (%llu bytes, not %llu)",
                 (unsigned long long)want_old, (unsigned long long)old_len);
        return -1;
    }
    uint64_t done = 0;
    char *buf = malloc(B * 16);
    if (!buf) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    int rc = -1;
    for (;;) {
        if (in.off >= in.len) {
            snprintf(err, errcap, "a delta in the store is truncated");
            goto out;
        }
        uint8_t op = (uint8_t)in.p[in.off++];
        if (op == OP_END)
            break;
        if (op == OP_COPY) {
            uint64_t first = pi_u32(&in), count = pi_u32(&in);
            if (in.bad || count == 0 || (first + count) * B > old_len || done + count * B > want_new) {
                snprintf(err, errcap, "a delta in the store is malformed (a copy out of range)");
                goto out;
            }
            for (uint64_t k = 0; k < count; k += 16) {
                size_t n = (size_t)((count - k < 16 ? count - k : 16) * B);
                ssize_t got = pread(old_fd, buf, n, (off_t)((first + k) * B));
                if (got != (ssize_t)n || app_write_all(new_fd, buf, n) < 0) {
                    snprintf(err, errcap, "cannot rebuild the session's state: %s", strerror(errno ? errno : EIO));
                    goto out;
                }
            }
            done += count * B;
        } else if (op == OP_LITERAL) {
            uint64_t n = pi_u32(&in);
            if (in.bad || n > in.len - in.off || done + n > want_new) {
                snprintf(err, errcap, "a delta in the store is malformed (a literal out of range)");
                goto out;
            }
            if (app_write_all(new_fd, in.p + in.off, (size_t)n) < 0) {
                snprintf(err, errcap, "cannot rebuild the session's state: %s", strerror(errno ? errno : EIO));
                goto out;
            }
            in.off += (size_t)n;
            done += n;
        } else {
            snprintf(err, errcap, "a delta in the store is malformed (operation %u)", op);
            goto out;
        }
    }
    if (done != want_new || in.off != in.len) {
        snprintf(err, errcap, "a delta in the store is malformed (its length does not add up)");
        goto out;
    }
    *new_len = done;
    rc = 0;
out:
    free(buf);
    return rc;
}
