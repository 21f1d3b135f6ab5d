/*
 * bignum.c — the digit loops of big-integer arithmetic, which guest/bignum
 * takes out of MicroPython: mpn_add and mpn_sub, and the mpn_mul and
 * mpn_div inlined in mpz_mul_inpl and mpz_divmod_inpl.
 *
 * An mpz_t in guest memory is three words: bit 0 of the first is the sign,
 * bits 2-31 the digits allocated; then `len`, the digits in use; then
 * `dig`, the address of the digits, 16 bits each, least significant first
 * (MPZ_DIG_SIZE 16 on wasm32). The numbers are copied out into 32-bit limbs,
 * computed with 64-bit arithmetic (four times fewer digit products than the
 * guest's 16 x 16-bit steps), and written back as 16-bit digits: the values
 * are the guest's own (a product and a quotient with remainder have one
 * answer), normalised as mpn_mul and mpn_div leave them.
 *
 * Every pointer and length is checked against the memory; a struct whose
 * digits lie outside it, or a result that does not fit the digits the
 * guest allocated for it, traps (the guest's own code never does that).
 * Fuel: a charge per call and per digit sum or digit product that depends
 * only on the operands' lengths (host.h, MPB_FUEL_BIGNUM_CALL...); these
 * imports replace guest loops that charged per step, so they enter
 * uncharged rather than at MPB_FUEL_IMPORT.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "gmem.h"
#include "host.h"

/* An mpz_t as read from guest memory. */
typedef struct gmpz {
    uint32_t alloc; /* digits allocated */
    uint32_t len;   /* digits in use */
    uint32_t dig;   /* guest address of the digits */
} gmpz;

static void read_mpz(mpb_host *h, uint32_t at, gmpz *z)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t w[3];
    if (mpb_g_read(m, at, w, sizeof w) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    z->alloc = w[0] >> 2;
    z->len = w[1];
    z->dig = w[2];
    if (z->len > z->alloc || !mpb_g_ok(m, z->dig, 2 * (uint64_t)z->alloc))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

/* An import's start: entered, and the three mpz_t it is given read. */
static mpb_host *enter(struct Z_env_instance_t *env, u32 at1, gmpz *z1, u32 at2, gmpz *z2, u32 at3, gmpz *z3)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    read_mpz(h, at1, z1);
    read_mpz(h, at2, z2);
    read_mpz(h, at3, z3);
    return h;
}

/* Limbs of scratch: on the stack for the common small numbers, else from
 * the heap (freed before the import returns or traps). */
#define STACK_WORDS 512
typedef struct scratch_buf {
    uint32_t *p;
    uint32_t local[STACK_WORDS];
} scratch_buf;

static uint32_t *scratch(mpb_host *h, scratch_buf *l, size_t words)
{
    l->p = words <= STACK_WORDS ? l->local : malloc(words * sizeof *l->p);
    if (!l->p)
        mpb_rt_trap(h->call, MPB_TRAP_HOST_NOMEM);
    memset(l->p, 0, words * sizeof *l->p);
    return l->p;
}

static void release(scratch_buf *l)
{
    if (l->p != l->local)
        free(l->p);
}

/* Charge the work before doing it: a budget too small for it ends the run
 * here, before the host spends the time. The charge depends only on the
 * operands' lengths. */
static void charge(mpb_host *h, uint64_t units)
{
    mpb_host_spend(h, units);
    mpb_host_fuel_check(h);
}

/* After a long loop: a hard stop arrived meanwhile (the loop gave up
 * early, its result is garbage): release the scratch and trap. */
static void stopped(mpb_host *h, scratch_buf *l)
{
    if (atomic_load_explicit(&h->call->stop_requested, memory_order_relaxed)) {
        release(l);
        mpb_rt_trap(h->call, MPB_TRAP_HARD_STOP);
    }
}

/* The digits are little-endian 16-bit words, so on a little-endian host two
 * of them are one little-endian 32-bit limb: digits move in and out of
 * limbs by copying bytes ((n + 1) / 2 limbs, the top half of the last one
 * zero when n is odd). */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "bignum.c copies 16-bit digits into 32-bit limbs");

static void to_limbs(uint32_t *out, const uint8_t *dig, uint32_t n) { memcpy(out, dig, 2 * (size_t)n); }

/* The digits of limbs[0, nlimbs) without the zeros on top. */
static uint32_t digit_len(const uint32_t *limbs, size_t nlimbs)
{
    while (nlimbs && limbs[nlimbs - 1] == 0)
        nlimbs--;
    if (!nlimbs)
        return 0;
    return (uint32_t)(2 * nlimbs - (limbs[nlimbs - 1] >> 16 == 0));
}

static void from_limbs(uint8_t *dig, const uint32_t *limbs, uint32_t n) { memcpy(dig, limbs, 2 * (size_t)n); }

/* A hard stop (the watchdog) is pending: long loops look at this between
 * rows and give up, and the import then traps, so that a timeout holds
 * during one huge multiplication as it does in guest code. */
static inline int stop_pending(const atomic_int *stop)
{
    return atomic_load_explicit(stop, memory_order_relaxed) != 0;
}

/* r[0, an + bn) = a * b, schoolbook; r zeroed. */
static void mul_school(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn, const atomic_int *stop)
{
    for (size_t i = 0; i < bn; i++) {
        if (stop_pending(stop))
            return;
        uint64_t carry = 0, bi = b[i];
        for (size_t j = 0; j < an; j++) {
            uint64_t t = a[j] * bi + r[i + j] + carry; /* < 2^64: (2^32-1)^2 + 2(2^32-1) */
            r[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r[i + an] = (uint32_t)carry;
    }
}

/* r[0, rn) += a[0, an), an <= rn; the carry out of r is dropped (the
 * callers' sums fit). */
static void add_into(uint32_t *r, size_t rn, const uint32_t *a, size_t an)
{
    uint64_t c = 0;
    size_t i = 0;
    for (; i < an; i++) {
        c += (uint64_t)r[i] + a[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    for (; c && i < rn; i++) {
        c += r[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
}

/* r[0, rn) -= a[0, an), an <= rn, r >= a. */
static void sub_into(uint32_t *r, size_t rn, const uint32_t *a, size_t an)
{
    uint64_t borrow = 0;
    size_t i = 0;
    for (; i < an; i++) {
        uint64_t t = (uint64_t)r[i] - a[i] - borrow;
        r[i] = (uint32_t)t;
        borrow = t >> 63;
    }
    for (; borrow && i < rn; i++) {
        uint64_t t = (uint64_t)r[i] - borrow;
        r[i] = (uint32_t)t;
        borrow = t >> 63;
    }
}

/* Below this many limbs Karatsuba's bookkeeping costs more than it saves. */
#define KARATSUBA_MIN 40

/* r[0, 2n) = a * b, both n limbs, by Karatsuba; w: 4n + 512 words. */
static void mul_kara(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n, uint32_t *w, const atomic_int *stop)
{
    memset(r, 0, 2 * n * sizeof *r);
    if (n < KARATSUBA_MIN) {
        mul_school(r, a, n, b, n, stop);
        return;
    }
    size_t lo = n / 2, hi = n - lo;
    /* a = a1 B^lo + a0, b likewise: a b = z2 B^2lo + z1 B^lo + z0 with
     * z1 = (a0 + a1)(b0 + b1) - z0 - z2 */
    uint32_t *sa = w, *sb = w + hi + 1, *z1 = w + 2 * (hi + 1), *rest = z1 + 2 * (hi + 1);
    mul_kara(r, a, b, lo, rest, stop);                     /* z0 in r[0, 2lo) */
    mul_kara(r + 2 * lo, a + lo, b + lo, hi, rest, stop);  /* z2 in r[2lo, 2n) */
    memset(sa, 0, 2 * (hi + 1) * sizeof *sa);
    memcpy(sa, a + lo, hi * sizeof *sa);
    add_into(sa, hi + 1, a, lo);
    memcpy(sb, b + lo, hi * sizeof *sb);
    add_into(sb, hi + 1, b, lo);
    mul_kara(z1, sa, sb, hi + 1, rest, stop);
    sub_into(z1, 2 * (hi + 1), r, 2 * lo);
    sub_into(z1, 2 * (hi + 1), r + 2 * lo, 2 * hi);
    /* z1 = a0 b1 + a1 b0 < B^(n + 1): fits in the n + hi limbs above lo */
    size_t zn = 2 * (hi + 1) < n + hi ? 2 * (hi + 1) : n + hi;
    add_into(r + lo, n + hi, z1, zn);
}

/* Workspace mul_limbs needs for a smaller operand of `bn` limbs. */
static size_t mul_work(size_t bn) { return 12 * bn + 1024; }

/* r[0, an + bn) = a * b; r zeroed; w: mul_work(min(an, bn)) words. A long
 * operand is cut into pieces as long as the short one. */
static void mul_limbs(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn, uint32_t *w,
                      const atomic_int *stop)
{
    if (an < bn) {
        const uint32_t *t = a;
        a = b, b = t;
        size_t tn = an;
        an = bn, bn = tn;
    }
    if (bn < KARATSUBA_MIN) {
        mul_school(r, a, an, b, bn, stop);
        return;
    }
    uint32_t *piece = w; /* 2 bn */
    for (size_t off = 0; off < an; off += bn) {
        size_t len = an - off < bn ? an - off : bn;
        if (len == bn) {
            mul_kara(piece, a + off, b, bn, w + 2 * bn, stop);
        } else {
            memset(piece, 0, (len + bn) * sizeof *piece);
            mul_limbs(piece, b, bn, a + off, len, w + 2 * bn, stop);
        }
        add_into(r + off, an + bn - off, piece, len + bn);
    }
}

u32 Z_envZ_mpbox_mpz_mul(struct Z_env_instance_t *env, u32 dest, u32 lhs, u32 rhs)
{
    gmpz d, a, b;
    mpb_host *h = enter(env, dest, &d, lhs, &a, rhs, &b);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint64_t n = (uint64_t)a.len + b.len;
    if (n > d.alloc)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    charge(h, MPB_FUEL_BIGNUM_CALL + (uint64_t)a.len * b.len * MPB_FUEL_PER_DIGIT_PRODUCT);
    size_t al = (a.len + 1) / 2, bl = (b.len + 1) / 2, small = al < bl ? al : bl;
    scratch_buf l;
    uint32_t *x = scratch(h, &l, 2 * (al + bl) + (small < KARATSUBA_MIN ? 0 : mul_work(small)));
    uint32_t *ax = x, *bx = x + al, *r = x + al + bl, *w = r + al + bl;
    to_limbs(ax, m->data + a.dig, a.len);
    to_limbs(bx, m->data + b.dig, b.len);
    if (al && bl)
        mul_limbs(r, ax, al, bx, bl, w, &h->call->stop_requested);
    stopped(h, &l);
    /* a.len + b.len digits: the rest of dest's digits are zero already */
    uint32_t len = digit_len(r, al + bl);
    from_limbs(m->data + d.dig, r, (uint32_t)n);
    release(&l);
    MPB_IMPORT_LEAVE(h);
    return len;
}

/* q[0, m - n + 1), r[0, n) = u / v, u % v, by Knuth's algorithm D (TAOCP
 * 4.3.1) on 32-bit limbs; m >= n >= 1, v[n - 1] != 0; w: m + n + 1 words
 * of scratch. */
static void divmod_limbs(uint32_t *q, uint32_t *r, const uint32_t *u, size_t m, const uint32_t *v, size_t n,
                         uint32_t *w, const atomic_int *stop)
{
    if (n == 1) {
        uint64_t rem = 0;
        for (size_t i = m; i-- > 0;) {
            uint64_t cur = rem << 32 | u[i];
            q[i] = (uint32_t)(cur / v[0]);
            rem = cur % v[0];
        }
        r[0] = (uint32_t)rem;
        return;
    }
    /* normalise: the divisor's top bit set */
    int s = __builtin_clz(v[n - 1]);
    uint32_t *un = w, *vn = w + m + 1;
    for (size_t i = n; i-- > 0;)
        vn[i] = (v[i] << s) | (s && i ? v[i - 1] >> (32 - s) : 0);
    un[m] = s ? u[m - 1] >> (32 - s) : 0;
    for (size_t i = m; i-- > 0;)
        un[i] = (u[i] << s) | (s && i ? u[i - 1] >> (32 - s) : 0);

    const uint64_t base = 1ull << 32;
    for (size_t j = m - n + 1; j-- > 0;) {
        if (stop_pending(stop))
            return;
        uint64_t num = (uint64_t)un[j + n] << 32 | un[j + n - 1];
        uint64_t qhat = num / vn[n - 1], rhat = num % vn[n - 1];
        while (qhat >= base || qhat * vn[n - 2] > (rhat << 32 | un[j + n - 2])) {
            qhat--;
            rhat += vn[n - 1];
            if (rhat >= base)
                break;
        }
        /* un[j, j + n] -= qhat * vn */
        uint64_t carry = 0, borrow = 0;
        for (size_t i = 0; i < n; i++) {
            uint64_t p = qhat * vn[i] + carry;
            carry = p >> 32;
            uint64_t t = (uint64_t)un[i + j] - (uint32_t)p - borrow;
            un[i + j] = (uint32_t)t;
            borrow = t >> 63;
        }
        uint64_t t = (uint64_t)un[j + n] - carry - borrow;
        un[j + n] = (uint32_t)t;
        if (t >> 63) { /* qhat was one too large: add vn back */
            qhat--;
            uint64_t c = 0;
            for (size_t i = 0; i < n; i++) {
                uint64_t sum = (uint64_t)un[i + j] + vn[i] + c;
                un[i + j] = (uint32_t)sum;
                c = sum >> 32;
            }
            un[j + n] += (uint32_t)c;
        }
        q[j] = (uint32_t)qhat;
    }
    for (size_t i = 0; i < n; i++)
        r[i] = (un[i] >> s) | (s ? un[i + 1] << (32 - s) : 0);
}

void Z_envZ_mpbox_mpz_divmod(struct Z_env_instance_t *env, u32 quo, u32 rem, u32 rhs)
{
    gmpz q, num, den;
    mpb_host *h = enter(env, quo, &q, rem, &num, rhs, &den);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (den.len == 0)
        mpb_rt_trap(h->call, MPB_TRAP_DIV_BY_ZERO);
    if (num.len < den.len) { /* the quotient is 0, the remainder num */
        charge(h, MPB_FUEL_BIGNUM_CALL);
        if (mpb_g_put_u32(m, quo + 4, 0) != 0)
            mpb_rt_trap(h->call, MPB_TRAP_OOB);
        MPB_IMPORT_LEAVE(h);
        return;
    }
    charge(h, MPB_FUEL_BIGNUM_CALL + (uint64_t)(num.len - den.len + 1) * den.len * MPB_FUEL_PER_DIGIT_PRODUCT);
    size_t ml = (num.len + 1) / 2, nl = (den.len + 1) / 2;
    scratch_buf l;
    uint32_t *x = scratch(h, &l, ml + nl + (ml - nl + 1) + nl + (ml + nl + 1));
    uint32_t *u = x, *v = u + ml, *qx = v + nl, *rx = qx + (ml - nl + 1), *w = rx + nl;
    to_limbs(u, m->data + num.dig, num.len);
    to_limbs(v, m->data + den.dig, den.len);
    divmod_limbs(qx, rx, u, ml, v, nl, w, &h->call->stop_requested);
    stopped(h, &l);
    uint32_t qlen = digit_len(qx, ml - nl + 1), rlen = digit_len(rx, nl);
    if (qlen > q.alloc) { /* cannot happen: qlen <= num.len <= q.alloc */
        release(&l);
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    }
    from_limbs(m->data + q.dig, qx, qlen);
    from_limbs(m->data + num.dig, rx, rlen);
    release(&l);
    if (mpb_g_put_u32(m, quo + 4, qlen) != 0 || mpb_g_put_u32(m, rem + 4, rlen) != 0)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    MPB_IMPORT_LEAVE(h);
}

/* ---- mpn_add, mpn_sub: i = j +/- k, jlen >= klen, i may be j or k -------- */

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline void st64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static inline uint32_t ld16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static inline void st16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* The three digit arrays checked: j and k read, i written for `out`
 * digits. Traps unless klen <= jlen and all lie in memory. */
static void check_digits(mpb_host *h, u32 i, uint64_t out, u32 j, u32 jlen, u32 k, u32 klen)
{
    const wasm_rt_memory_t *m = &h->inst->w2c_memory;
    if (klen > jlen || !mpb_g_ok(m, i, 2 * (uint64_t)out) || !mpb_g_ok(m, j, 2 * (uint64_t)jlen) ||
        !mpb_g_ok(m, k, 2 * (uint64_t)klen))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
}

/* Four digits at a time as one 64-bit word, in the order mpn_add and
 * mpn_sub go (each word read before it is written, so i may be j or k). */
u32 Z_envZ_mpbox_mpn_add(struct Z_env_instance_t *env, u32 i, u32 j, u32 jlen, u32 k, u32 klen)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    check_digits(h, i, (uint64_t)jlen + 1, j, jlen, k, klen);
    charge(h, MPB_FUEL_BIGNUM_CALL + (uint64_t)jlen * MPB_FUEL_PER_DIGIT_SUM);
    uint8_t *base = h->inst->w2c_memory.data, *id = base + i;
    const uint8_t *jd = base + j, *kd = base + k;
    uint64_t carry = 0;
    size_t x = 0;
    for (; x + 4 <= klen; x += 4) {
        uint64_t a = ld64(jd + 2 * x), s = a + ld64(kd + 2 * x);
        uint64_t c = s < a;
        uint64_t t = s + carry;
        st64(id + 2 * x, t);
        carry = c | (t < s);
    }
    for (; x < klen; x++) {
        uint32_t t = ld16(jd + 2 * x) + ld16(kd + 2 * x) + (uint32_t)carry;
        st16(id + 2 * x, t);
        carry = t >> 16;
    }
    for (; x + 4 <= jlen && carry; x += 4) {
        uint64_t a = ld64(jd + 2 * x), t = a + carry;
        st64(id + 2 * x, t);
        carry = t < a;
    }
    if (id != jd && x < jlen) /* the rest, carry or not, digit by digit */
        memmove(id + 2 * x, jd + 2 * x, 2 * (size_t)(jlen - x));
    for (; x < jlen && carry; x++) {
        uint32_t t = ld16(jd + 2 * x) + (uint32_t)carry;
        st16(id + 2 * x, t);
        carry = t >> 16;
    }
    uint32_t len = jlen;
    if (carry)
        st16(id + 2 * (size_t)len++, 1);
    MPB_IMPORT_LEAVE(h);
    return len;
}

u32 Z_envZ_mpbox_mpn_sub(struct Z_env_instance_t *env, u32 i, u32 j, u32 jlen, u32 k, u32 klen)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    check_digits(h, i, jlen, j, jlen, k, klen);
    charge(h, MPB_FUEL_BIGNUM_CALL + (uint64_t)jlen * MPB_FUEL_PER_DIGIT_SUM);
    uint8_t *base = h->inst->w2c_memory.data, *id = base + i;
    const uint8_t *jd = base + j, *kd = base + k;
    uint64_t borrow = 0;
    size_t x = 0;
    for (; x + 4 <= klen; x += 4) {
        uint64_t a = ld64(jd + 2 * x), b = ld64(kd + 2 * x), d = a - b;
        uint64_t t = d - borrow;
        st64(id + 2 * x, t);
        borrow = (a < b) | (d < borrow);
    }
    for (; x < klen; x++) {
        uint32_t t = ld16(jd + 2 * x) - ld16(kd + 2 * x) - (uint32_t)borrow;
        st16(id + 2 * x, t);
        borrow = t >> 31; /* the difference went below zero */
    }
    for (; x + 4 <= jlen && borrow; x += 4) {
        uint64_t a = ld64(jd + 2 * x);
        st64(id + 2 * x, a - borrow);
        borrow = a < borrow;
    }
    if (id != jd && x < jlen)
        memmove(id + 2 * x, jd + 2 * x, 2 * (size_t)(jlen - x));
    for (; x < jlen && borrow; x++) {
        uint32_t t = ld16(jd + 2 * x) - (uint32_t)borrow;
        st16(id + 2 * x, t);
        borrow = t >> 31;
    }
    uint32_t len = jlen;
    while (len && ld16(id + 2 * ((size_t)len - 1)) == 0)
        len--;
    MPB_IMPORT_LEAVE(h);
    return len;
}

/* ---- mpz_as_str_inpl: the text of an integer ------------------------- */

/* x[0, n) /= d, returning the remainder; always inlined, so that a
 * constant d (10^9) becomes a multiplication. */
static inline __attribute__((always_inline)) uint32_t div_limbs(uint32_t *x, size_t n, uint32_t d)
{
    uint64_t rem = 0;
    for (size_t i = n; i-- > 0;) {
        uint64_t cur = rem << 32 | x[i];
        x[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    return (uint32_t)rem;
}

/* The digits of x[0, n) (n > 0, x[n - 1] != 0) in `base`, least significant
 * first, into out (room for the most there can be); x is destroyed.
 * Returns how many, or 0 when a hard stop arrived meanwhile. A power of two
 * takes the bits as they are; other bases divide by the largest power of
 * the base that fits 32 bits, which gives that many digits per pass. */
static size_t text_digits(uint8_t *out, uint32_t *x, size_t n, uint32_t base, const atomic_int *stop)
{
    size_t nd = 0;
    if ((base & (base - 1)) == 0) {
        unsigned bits = (unsigned)__builtin_ctz(base);
        uint64_t total = 32 * (uint64_t)n - (uint64_t)__builtin_clz(x[n - 1]);
        for (uint64_t at = 0; at < total; at += bits) {
            uint64_t word = x[at / 32] >> (at % 32);
            if (at % 32 + bits > 32 && at / 32 + 1 < n)
                word |= (uint64_t)x[at / 32 + 1] << (32 - at % 32);
            out[nd++] = (uint8_t)(word & (base - 1));
        }
        return nd;
    }
    uint32_t chunk = base, per = 1;
    while ((uint64_t)chunk * base <= UINT32_MAX)
        chunk *= base, per++;
    while (n) {
        if (stop_pending(stop))
            return 0;
        uint32_t r = chunk == 1000000000u ? div_limbs(x, n, 1000000000u) : div_limbs(x, n, chunk);
        while (n && x[n - 1] == 0)
            n--;
        for (uint32_t i = 0; i < per && (n || r); i++) {
            out[nd++] = (uint8_t)(r % base);
            r /= base;
        }
    }
    return nd;
}

#define PREFIX_MAX 16 /* "0x", "0o", "0b": MicroPython's prefixes are short */

/* mpz_as_str_inpl(i, base, prefix, base_char, comma, str): the text of
 * integer i in `base` (2 to 32), after a '-' for a negative number and the
 * NUL-terminated `prefix` (0: none), digits above 9 from base_char on, and
 * `comma` (0: none) between groups of 3 digits (base 10) or 4; written to
 * str with a NUL after it. Returns its length without the NUL. */
u32 Z_envZ_mpbox_mpz_as_str(struct Z_env_instance_t *env, u32 z, u32 base, u32 prefix, u32 base_char, u32 comma,
                            u32 str)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER_UNCHARGED(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    gmpz a;
    read_mpz(h, z, &a);
    uint32_t neg;
    char pre[PREFIX_MAX];
    int64_t plen = 0;
    if (base < 2 || base > 32 || mpb_g_u32(m, z, &neg) != 0 ||
        (prefix && (plen = mpb_g_cstr(m, prefix, pre, sizeof pre)) < 0))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    neg = a.len ? neg & 1 : 0; /* zero prints without its sign */
    uint8_t bch = (uint8_t)base_char, sep = (uint8_t)comma;
    unsigned group = base == 10 ? 3 : 4;

    /* At most `most` digits: 16 bits per guest digit, at least one bit per
     * text digit (log2 of the base, rounded down). The charge depends on
     * the length and the base only. */
    unsigned bits_per = 31 - (unsigned)__builtin_clz(base);
    uint64_t most = a.len ? (16 * (uint64_t)a.len + bits_per - 1) / bits_per : 1;
    size_t n = (a.len + 1) / 2;
    uint64_t passes = (base & (base - 1)) == 0 ? 1 : most / (32 / bits_per > 1 ? 32 / bits_per - 1 : 1) + 1;
    charge(h, MPB_FUEL_BIGNUM_CALL + passes * n * MPB_FUEL_PER_DIGIT_PRODUCT + most * MPB_FUEL_PER_DIGIT_SUM);

    /* scratch: the limbs, the digits, the text (commas and all) */
    uint64_t text_max = 1 + (uint64_t)plen + most + most / group + 1;
    scratch_buf l;
    uint32_t *x = scratch(h, &l, n + (most + 3) / 4 + (text_max + 3) / 4 + 1);
    uint8_t *digits = (uint8_t *)(x + n), *text = digits + 4 * ((most + 3) / 4);
    size_t nd = 1;
    digits[0] = 0;
    if (a.len) {
        to_limbs(x, m->data + a.dig, a.len);
        size_t top = n;
        while (top && x[top - 1] == 0)
            top--;
        nd = top ? text_digits(digits, x, top, base, &h->call->stop_requested) : 1;
        stopped(h, &l);
    }
    size_t t = 0;
    if (neg)
        text[t++] = '-';
    memcpy(text + t, pre, (size_t)plen);
    t += (size_t)plen;
    for (size_t i = nd; i-- > 0;) {
        text[t++] = (uint8_t)(digits[i] < 10 ? '0' + digits[i] : bch + digits[i] - 10);
        if (sep && i && i % group == 0)
            text[t++] = sep;
    }
    text[t] = 0;
    int bad = mpb_g_write(m, str, text, t + 1) != 0;
    release(&l);
    if (bad)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    MPB_IMPORT_LEAVE(h);
    return (u32)t;
}
