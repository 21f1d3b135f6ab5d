/*
 * test_delta.c — deltas between snapshots (server/delta.h): what a delta
 * rebuilds is exactly the new snapshot, whatever changed (bytes in place,
 * blocks inserted or removed, so that the rest shifts), a small change
 * gives a small delta, and a damaged delta is refused, never applied past
 * the old snapshot or the new one's length.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../unit/check.h"
#include "delta.h"

#define OLD_LEN (300u * 1024 + 123)

static uint8_t *old_data;

static void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
    uint64_t x = seed * 0x9e3779b97f4a7c15ull + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        p[i] = (uint8_t)x;
    }
}

static int file_of(const void *data, size_t len)
{
    int fd = memfd_create("delta-test", MFD_CLOEXEC);
    if (fd >= 0 && len && write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Encode new against old, apply, compare; the delta's size in *dlen. */
static int round_trip(const uint8_t *old, size_t old_len, const uint8_t *new_, size_t new_len, size_t *dlen)
{
    struct dl_index *ix = dl_index_new(old, old_len);
    struct mpb_buf b = {0};
    int ok = ix && dl_encode(ix, new_, new_len, &b) == 0;
    int ofd = file_of(old, old_len), nfd = memfd_create("delta-out", MFD_CLOEXEC);
    uint64_t out_len = 0;
    char err[200] = "";
    ok = ok && ofd >= 0 && nfd >= 0 && dl_apply(ofd, old_len, b.data, b.len, nfd, &out_len, err, sizeof err) == 0;
    if (!ok && err[0])
        printf("  apply: %s\n", err);
    ok = ok && out_len == new_len;
    uint8_t *back = malloc(new_len ? new_len : 1);
    ok = ok && back && pread(nfd, back, new_len, 0) == (ssize_t)new_len && memcmp(back, new_, new_len) == 0;
    *dlen = b.len;
    free(back);
    mpb_buf_free(&b);
    dl_index_free(ix);
    if (ofd >= 0)
        close(ofd);
    if (nfd >= 0)
        close(nfd);
    return ok;
}

static void unchanged(void)
{
    size_t dlen;
    CHECK(round_trip(old_data, OLD_LEN, old_data, OLD_LEN, &dlen));
    /* header, one run of copies, the unaligned tail as a literal, end */
    CHECK(dlen < 64 + OLD_LEN % DL_BLOCK);
}

static void bytes_changed_in_place(void)
{
    uint8_t *n = malloc(OLD_LEN);
    memcpy(n, old_data, OLD_LEN);
    n[5000] ^= 1;
    n[200000] ^= 0x80;
    size_t dlen;
    CHECK(round_trip(old_data, OLD_LEN, n, OLD_LEN, &dlen));
    CHECK(dlen < 3 * DL_BLOCK + OLD_LEN % DL_BLOCK);
    free(n);
}

static void inserted_and_removed(void)
{
    /* a 4100-byte record inserted (a page appears in a snapshot): what
     * follows shifts by a length that is not a block's */
    size_t ins = 4100, len = OLD_LEN + ins;
    uint8_t *n = malloc(len);
    memcpy(n, old_data, 10000);
    fill_random(n + 10000, ins, 7);
    memcpy(n + 10000 + ins, old_data + 10000, OLD_LEN - 10000);
    size_t dlen;
    CHECK(round_trip(old_data, OLD_LEN, n, len, &dlen));
    CHECK(dlen < ins + 3 * DL_BLOCK + OLD_LEN % DL_BLOCK);
    /* and removed again */
    CHECK(round_trip(n, len, old_data, OLD_LEN, &dlen));
    CHECK(dlen < 3 * DL_BLOCK + OLD_LEN % DL_BLOCK);
    /* 5000 bytes cut from the middle */
    memcpy(n, old_data, 50000);
    memcpy(n + 50000, old_data + 55000, OLD_LEN - 55000);
    CHECK(round_trip(old_data, OLD_LEN, n, OLD_LEN - 5000, &dlen));
    CHECK(dlen < 3 * DL_BLOCK + OLD_LEN % DL_BLOCK);
    free(n);
}

static void all_new_and_edge_sizes(void)
{
    uint8_t *n = malloc(OLD_LEN);
    fill_random(n, OLD_LEN, 99);
    size_t dlen;
    CHECK(round_trip(old_data, OLD_LEN, n, OLD_LEN, &dlen));
    CHECK(dlen > OLD_LEN); /* all literal */
    CHECK(round_trip(old_data, 0, n, 100, &dlen));
    CHECK(round_trip(old_data, 100, n, 0, &dlen));
    CHECK(round_trip(old_data, 0, n, 0, &dlen));
    CHECK(round_trip(old_data, DL_BLOCK, old_data, DL_BLOCK - 1, &dlen));
    /* many identical blocks: entered once in the index, still rebuilt */
    memset(n, 0xab, OLD_LEN);
    CHECK(round_trip(n, OLD_LEN, n, OLD_LEN - 3, &dlen));
    free(n);
}

/* A delta, changed by `edit`, must be refused by dl_apply. */
static int refused(void (*edit)(struct mpb_buf *b), size_t old_len)
{
    uint8_t *n = malloc(OLD_LEN);
    memcpy(n, old_data, OLD_LEN);
    n[7] ^= 1;
    struct dl_index *ix = dl_index_new(old_data, OLD_LEN);
    struct mpb_buf b = {0};
    dl_encode(ix, n, OLD_LEN, &b);
    edit(&b);
    int ofd = file_of(old_data, OLD_LEN), nfd = memfd_create("delta-out", MFD_CLOEXEC);
    uint64_t out_len = 0;
    char err[200] = "";
    int rc = dl_apply(ofd, old_len, b.data, b.len, nfd, &out_len, err, sizeof err);
    off_t written = lseek(nfd, 0, SEEK_END);
    close(ofd);
    close(nfd);
    mpb_buf_free(&b);
    dl_index_free(ix);
    free(n);
    return rc == -1 && err[0] != '\0' && written <= (off_t)OLD_LEN;
}

static void cut_short(struct mpb_buf *b) { b->len -= 3; }
static void bad_magic(struct mpb_buf *b) { b->data[0] = 'X'; }
static void copy_past_the_end(struct mpb_buf *b)
{
    /* the first operation is the literal of block 0, then a copy: make the
     * copy's count reach past the old snapshot */
    size_t at = 24;
    uint32_t lit;
    memcpy(&lit, b->data + at + 1, 4);
    at += 5 + lit;
    uint32_t huge = 0x7fffffff;
    memcpy(b->data + at + 5, &huge, 4);
}
static void longer_literal(struct mpb_buf *b)
{
    uint32_t huge = 0xfffffff0u;
    memcpy(b->data + 25, &huge, 4);
}
static void trailing_bytes(struct mpb_buf *b) { mpb_buf_append(b, "x", 1); }

static void damaged_deltas_are_refused(void)
{
    CHECK(refused(cut_short, OLD_LEN));
    CHECK(refused(bad_magic, OLD_LEN));
    CHECK(refused(copy_past_the_end, OLD_LEN));
    CHECK(refused(longer_literal, OLD_LEN));
    CHECK(refused(trailing_bytes, OLD_LEN));
    /* a delta applied to another state than the one it was taken against */
    CHECK(refused(trailing_bytes, OLD_LEN - 1));
}

int main(void)
{
    old_data = malloc(OLD_LEN);
    fill_random(old_data, OLD_LEN, 1);
    RUN(unchanged);
    RUN(bytes_changed_in_place);
    RUN(inserted_and_removed);
    RUN(all_new_and_edge_sizes);
    RUN(damaged_deltas_are_refused);
    free(old_data);
    CHECK_EXIT();
}
