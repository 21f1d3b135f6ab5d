/*
 * unicase.c — str's case and character-class methods as CPython's, with
 * Unicode's data (the import env.mpbox_str_unicode behind guest/unicase).
 *
 * MicroPython's own upper/lower/isalpha/isdigit/isspace/isupper/islower
 * look at bytes and know ASCII only. Here each method works on code
 * points, with the tables tools/unicase generates (host/unicase.h): full
 * case mappings ('ß'.upper() is 'SS', 'ǆ'.title() is 'ǅ'), case folding,
 * the final sigma of lower(), and the properties CPython's predicates test.
 * upper() and lower() of ASCII text go back to MicroPython's own functions
 * (the import answers 0), everything else is answered here.
 */
#include <string.h>

#include "gmem.h"
#include "gstr.h"
#include "host.h"
#include "strrepr.h"
#include "unicase.h"

#define SIGMA 0x3a3u
#define FINAL_SIGMA 0x3c2u
#define SMALL_SIGMA 0x3c3u

static const mpb_uc_record *rec(uint32_t c)
{
    if (c >= MPB_UC_MAX_CP)
        return &mpb_uc_records[0];
    uint32_t block = mpb_uc_index1[c >> MPB_UC_SHIFT];
    return &mpb_uc_records[mpb_uc_index2[(block << MPB_UC_SHIFT) + (c & (MPB_UC_BLOCK - 1))]];
}

static uint32_t props(uint32_t c) { return rec(c)->props; }

/* ---- writing the result ---- */

typedef struct sink {
    uint8_t *out;
    size_t cap, len;
} sink;

static void put(sink *o, uint32_t c)
{
    uint8_t b[4];
    size_t n;
    if (c < 0x80) {
        b[0] = (uint8_t)c;
        n = 1;
    } else if (c < 0x800) {
        b[0] = (uint8_t)(0xc0 | c >> 6);
        b[1] = (uint8_t)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        b[0] = (uint8_t)(0xe0 | c >> 12);
        b[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
        b[2] = (uint8_t)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        b[0] = (uint8_t)(0xf0 | (c >> 18 & 0x07));
        b[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
        b[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f));
        b[3] = (uint8_t)(0x80 | (c & 0x3f));
        n = 4;
    }
    for (size_t k = 0; k < n; k++, o->len++)
        if (o->len < o->cap)
            o->out[o->len] = b[k];
}

/* Write mapping `which` of c. */
static void put_mapped(sink *o, uint32_t c, int which)
{
    int32_t m = rec(c)->map[which];
    if (m < MPB_UC_SEQ) {
        put(o, (uint32_t)((int32_t)c + m));
        return;
    }
    const uint32_t *seq = &mpb_uc_seqs[m - MPB_UC_SEQ];
    for (uint32_t k = 0; k < seq[0]; k++)
        put(o, seq[1 + k]);
}

/* ---- reading the text ---- */

/* The start of the code point before byte offset i (i > 0). */
static uint32_t prev_start(const uint8_t *s, uint32_t i)
{
    uint32_t j = i - 1;
    while (j > 0 && (s[j] & 0xc0) == 0x80 && i - j < 4)
        j--;
    return j;
}

/* Whether the capital sigma at [at, end) ends a word (Unicode's
 * Final_Sigma: a cased letter before it and none after it, case-ignorable
 * characters between not counting). */
static int final_sigma(const uint8_t *s, uint32_t len, uint32_t at, uint32_t end)
{
    uint32_t c = 0, i = at;
    int before = 0;
    while (i > 0) {
        uint32_t j = prev_start(s, i), k = j;
        c = mpb_str_next_char(s, len, &k);
        i = j;
        if (!(props(c) & MPB_UCP_CASE_IGNORABLE)) {
            before = (props(c) & MPB_UCP_CASED) != 0;
            break;
        }
    }
    if (!before)
        return 0;
    for (i = end; i < len;) {
        c = mpb_str_next_char(s, len, &i);
        if (!(props(c) & MPB_UCP_CASE_IGNORABLE))
            return !(props(c) & MPB_UCP_CASED);
    }
    return 1;
}

/* lower() of the code point c at [at, end) */
static void put_lower(sink *o, const uint8_t *s, uint32_t len, uint32_t c, uint32_t at, uint32_t end)
{
    if (c == SIGMA)
        put(o, final_sigma(s, len, at, end) ? FINAL_SIGMA : SMALL_SIGMA);
    else
        put_mapped(o, c, MPB_UC_MAP_LOWER);
}

int mpb_uc_is_case_kind(int kind)
{
    return kind == MPB_UC_UPPER || kind == MPB_UC_LOWER || kind == MPB_UC_TITLE || kind == MPB_UC_CAPITALIZE ||
           kind == MPB_UC_SWAPCASE || kind == MPB_UC_CASEFOLD;
}

size_t mpb_uc_convert(int kind, const uint8_t *s, size_t len, uint8_t *out, size_t cap)
{
    sink o = {out, cap, 0};
    uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    int prev_cased = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t at = i, c = mpb_str_next_char(s, n, &i), p = props(c);
        switch (kind) {
        case MPB_UC_UPPER:
            put_mapped(&o, c, MPB_UC_MAP_UPPER);
            break;
        case MPB_UC_LOWER:
            put_lower(&o, s, n, c, at, i);
            break;
        case MPB_UC_CASEFOLD:
            put_mapped(&o, c, MPB_UC_MAP_FOLD);
            break;
        case MPB_UC_TITLE:
            if (prev_cased)
                put_lower(&o, s, n, c, at, i);
            else
                put_mapped(&o, c, MPB_UC_MAP_TITLE);
            prev_cased = (p & MPB_UCP_CASED) != 0;
            break;
        case MPB_UC_CAPITALIZE:
            if (at == 0)
                put_mapped(&o, c, MPB_UC_MAP_TITLE);
            else
                put_lower(&o, s, n, c, at, i);
            break;
        case MPB_UC_SWAPCASE:
            if (p & MPB_UCP_UPPER)
                put_lower(&o, s, n, c, at, i);
            else if (p & MPB_UCP_LOWER)
                put_mapped(&o, c, MPB_UC_MAP_UPPER);
            else
                put(&o, c);
            break;
        default:
            put(&o, c);
        }
    }
    return o.len;
}

int mpb_uc_test(int kind, const uint8_t *s, size_t len)
{
    uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    uint32_t want = 0;
    switch (kind) {
    case MPB_UC_ISALPHA: want = MPB_UCP_ALPHA; break;
    case MPB_UC_ISDIGIT: want = MPB_UCP_DIGIT; break;
    case MPB_UC_ISSPACE: want = MPB_UCP_SPACE; break;
    case MPB_UC_ISDECIMAL: want = MPB_UCP_DECIMAL; break;
    case MPB_UC_ISNUMERIC: want = MPB_UCP_NUMERIC; break;
    case MPB_UC_ISALNUM: want = MPB_UCP_ALPHA | MPB_UCP_DECIMAL | MPB_UCP_DIGIT | MPB_UCP_NUMERIC; break;
    default: break;
    }
    if (want) { /* every character has one of the properties; not empty */
        for (uint32_t i = 0; i < n;)
            if (!(props(mpb_str_next_char(s, n, &i)) & want))
                return 0;
        return n > 0;
    }
    int cased = 0, prev_cased = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t first = i == 0, c = mpb_str_next_char(s, n, &i), p = props(c);
        switch (kind) {
        case MPB_UC_ISUPPER: /* no lowercase or titlecase letter, one uppercase */
            if (p & (MPB_UCP_LOWER | MPB_UCP_TITLE))
                return 0;
            cased |= (p & MPB_UCP_UPPER) != 0;
            break;
        case MPB_UC_ISLOWER:
            if (p & (MPB_UCP_UPPER | MPB_UCP_TITLE))
                return 0;
            cased |= (p & MPB_UCP_LOWER) != 0;
            break;
        case MPB_UC_ISTITLE: /* upper or title case only after uncased, lower case only after cased */
            if (p & (MPB_UCP_UPPER | MPB_UCP_TITLE)) {
                if (prev_cased)
                    return 0;
                prev_cased = cased = 1;
            } else if (p & MPB_UCP_LOWER) {
                if (!prev_cased)
                    return 0;
                prev_cased = cased = 1;
            } else {
                prev_cased = 0;
            }
            break;
        case MPB_UC_ISIDENTIFIER:
            if (first ? !(p & MPB_UCP_XID_START) && c != '_' : !(p & MPB_UCP_XID_CONTINUE))
                return 0;
            cased = 1;
            break;
        case MPB_UC_ISPRINTABLE:
            if (!mpb_uni_isprintable(c))
                return 0;
            break;
        case MPB_UC_ISASCII:
            if (c >= 0x80)
                return 0;
            break;
        default:
            return 0;
        }
    }
    if (kind == MPB_UC_ISPRINTABLE || kind == MPB_UC_ISASCII)
        return 1;
    return cased;
}

/* ---- the import ---- */

/* The table lib/python/_mpbox_types.py writes (guest/unicase): a header
 * {str type, False, True, -} then per method {function type, function
 * index, original function index, Python fallback}. */
#define ENTRY(kind) (16u * ((uint32_t)(kind) + 1))
#define NONE_OBJ 6u

/* djb2 over the bytes, 16 bits, never 0: MicroPython's qstr_compute_hash,
 * the hash a new str carries. */
static uint32_t str_hash(const uint8_t *s, uint32_t len)
{
    uint32_t x = 5381;
    for (uint32_t i = 0; i < len; i++)
        x = (x * 33) ^ s[i];
    x &= 0xffff;
    return x ? x : 1;
}

/* A new str of the case method `kind` applied to [s, s + len) (guest
 * memory at src): the object first, then its data, each from the guest's
 * heap (may collect, may raise MemoryError). */
static uint32_t new_converted(mpb_host *h, int kind, uint32_t src, uint32_t len, uint32_t str_type)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    const uint8_t *s = mpb_g_span(m, src, len);
    if (!s)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    size_t n = mpb_uc_convert(kind, s, len, NULL, 0);
    if (n >= UINT32_MAX / 2)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    mpb_rt_check(h->call);
    uint32_t obj = Z_micropythonZ_mpbox_malloc0(h->inst, 16); /* may collect, may raise */
    uint32_t sp = mpb_guest_root(h, obj);
    if (mpb_g_put_u32(m, obj, str_type))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    mpb_rt_check(h->call);
    uint32_t data = Z_micropythonZ_mpbox_malloc0(h->inst, (uint32_t)n + 1); /* may collect, may raise */
    mpb_guest_unroot(h, sp);
    s = mpb_g_span(m, src, len); /* the source str is alive: self of the call in progress */
    uint8_t *out = mpb_g_span(m, data, (uint32_t)n + 1);
    if (!s || !out)
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    mpb_uc_convert(kind, s, len, out, n);
    out[n] = 0;
    uint32_t w[4] = {str_type, str_hash(out, (uint32_t)n), (uint32_t)n, data};
    if (mpb_g_write(m, obj, w, sizeof w))
        mpb_rt_trap(h->call, MPB_TRAP_OOB);
    return obj;
}

void mpb_uc_setup(mpb_host *h)
{
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t table = *(uint32_t *)Z_micropythonZ_mpbox_unicase_table(h->inst);
    uint32_t first = *(uint32_t *)Z_micropythonZ_mpbox_unicase_first(h->inst);
    for (uint32_t k = 0; table && k < MPB_UC_KINDS; k++)
        if (mpb_g_put_u32(m, table + ENTRY(k) + 4, first + k))
            return;
}

uint32_t Z_envZ_mpbox_str_unicode(struct Z_env_instance_t *env, uint32_t kind, uint32_t self)
{
    mpb_host *h = (mpb_host *)env;
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t table = *(uint32_t *)Z_micropythonZ_mpbox_unicase_table(h->inst), head[3], entry[4];
    if (!table || kind >= MPB_UC_KINDS || mpb_g_read(m, table, head, sizeof head) ||
        mpb_g_read(m, table + ENTRY(kind), entry, sizeof entry))
        return 0;
    mpb_rt_check(h->call);
    uint32_t len = 0;
    const uint8_t *s = mpb_guest_str(h, self, head[0], &len);
    if (!s) { /* not a str: MicroPython's own method, or the Python one */
        if (entry[2] || !entry[3])
            return entry[2] ? 0 : NONE_OBJ;
        return Z_micropythonZ_mpbox_call_function_1(h->inst, entry[3], self);
    }
    mpb_host_spend(h, (uint64_t)len * MPB_FUEL_PER_BYTE);
    mpb_host_fuel_check(h);
    if (!mpb_uc_is_case_kind((int)kind))
        return mpb_uc_test((int)kind, s, len) ? head[2] : head[1];
    if (entry[2]) { /* MicroPython's upper() and lower() are right for ASCII */
        uint32_t i = 0;
        while (i < len && s[i] < 0x80)
            i++;
        if (i == len)
            return 0;
    }
    uint32_t src = (uint32_t)(s - m->data);
    return new_converted(h, (int)kind, src, len, head[0]);
}
