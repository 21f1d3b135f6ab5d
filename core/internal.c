/*
 * internal.c — messages between the guest's own Python (lib/python) and the
 * host, on their own channel: `js.mpbox_internal(name, payload)` (host/
 * jsproxy.c), apart from the bridge of user host functions. They are not
 * host calls: not counted, no registration, no argument cap of
 * MPBOX_LIMIT_HOST_ARG_BYTES. The answer is text the sender reads.
 *   return       the last expression's value (lib/python/_mpbox_startup.py)
 *   source       the program's text (lib/python/_classbody.py)
 *   format_hook  str.format's hook for Python classes, once, while the
 *                start-up image is built (lib/python/_mpbox_types.py)
 *   slice_hook   the built-in sequences' hook for extended slices, the
 *                same way (lib/python/_mpbox_slices.py)
 *   type_repr_hook  the hook guest/typerepr asks for a class's repr, the
 *                same way (lib/python/_mpbox_typerepr.py)
 *   subscr_hook  the hook guest/typesubscr calls for subscripted classes,
 *                the same way (lib/python/_mpbox_generic.py)
 *   mro_hook     the hook guest/mro calls for new classes with several
 *                bases, and the key of __mro__, the same way
 *                (lib/python/_mpbox_types.py)
 *   super_get    the hook guest/mro calls for a property or descriptor
 *                super() found, and the property type, the same way
 *   binop_hook   the operators no type answers (reflected comparisons,
 *                bytearray * int), the same way (lib/python/_mpbox_binop.py)
 *   slots_key    the qstr under which a class keeps the names __slots__
 *                allows, and the tuple type, for guest/binop, the same way
 *                (lib/python/_mpbox_types.py)
 *   call_text_hook  the texts of errors in a call's arguments, for
 *                guest/errtext, the same way (lib/python/_mpbox_exc.py)
 *   exc_types    the KeyError type, for guest/excprint, the same way
 *                (lib/python/_mpbox_exc.py)
 *   error_texts  CPython's texts of some errors, for guest/errtext, the same way
 *   hash_blocks  whole blocks of a message digest, for lib/python/hashlib.py
 *   exc_table    the chain attributes' qstrs and texts, for guest/excchain
 *                (host/exc.c), the same way
 *   compat_table, compat_bool, compat_type, compat_complex  guest/compat's
 *                table and types, the same way
 *                (lib/python/_mpbox_types.py)
 *   clock        nanoseconds of a host clock, for lib/python/time.py
 *   unicase      the table of str's methods of guest/unicase, the same way
 *   json_check   whether a document can go to the built-in json parser, for
 *                lib/python/json.py
 *   mt19937      seeding and twisting of a Mersenne Twister the guest keeps,
 *                for lib/python/random.py
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "digest.h"
#include "json.h"
#include "twister.h"

/* A malloc'd copy of the answer `text`. */
static char *envelope(const char *text, size_t *out_len)
{
    size_t n = strlen(text);
    char *env = malloc(n + 1);
    if (env)
        memcpy(env, text, n + 1);
    *out_len = n;
    return env;
}

/* "return": the wrapper of MPBOX_RUN_RETURN_VALUE hands over the last
 * expression's value as JSON (at most retval_cap bytes). The answer is
 * [null]. */
static char *keep_return_value(mpb_host *h, const char *payload, size_t len, size_t *out_len)
{
    struct mpb_buf v = {0};
    int fits = payload && len <= h->retval_cap;
    const char *why = fits ? mpb_json_canon(payload, len, MPB_JSON_MAX_DEPTH, &v) : "too large";
    if (why) {
        char msg[160];
        if (fits)
            snprintf(msg, sizeof msg, "<return value not representable: %s>", why);
        else
            snprintf(msg, sizeof msg, "<return value too large: %zu bytes of JSON, limit %llu>", len,
                     (unsigned long long)h->retval_cap);
        v.len = 0;
        v.failed = 0;
        mpb_json_put_str(&v, msg, strlen(msg));
    }
    if (v.failed) {
        mpb_buf_free(&v);
        return NULL;
    }
    free(h->retval);
    h->retval = v.data;
    h->retval_len = v.len;
    h->bridge_work = (fits ? len : 0) * MPB_FUEL_PER_JSON_BYTE;
    return envelope("[null]", out_len);
}

/* "source": the program text of the run as it is (invalid UTF-8 as
 * U+FFFD), "" outside a run; not JSON, so that the guest need not decode
 * it. */
static char *program_text(mpb_host *h, size_t *out_len)
{
    h->bridge_work = (uint64_t)(h->program ? h->program_len : 0) * MPB_FUEL_PER_BYTE;
    return mpb_utf8_sanitize(h->program ? h->program : "", h->program ? h->program_len : 0, out_len);
}

/* While the start-up image is built, the Python side hands over one number
 * ("A") or two ("A B", when b is not NULL), kept in globals a rewrite of
 * the guest adds (and so in the image). Taken once, while *a is still 0 and
 * A is not: later calls change nothing. Used for
 *   "format_hook"   the function str.format calls for arguments of Python
 *                   classes and the table index of its type's call function
 *                   (guest/numfmt, lib/python/_mpbox_types.py);
 *   "slice_hook"    the function guest/slice calls for extended slices of
 *                   the built-in sequences (lib/python/_mpbox_slices.py),
 *                   through the table index the format hook brought (so
 *                   only after it);
 *   "binop_hook"    likewise, for guest/binop (lib/python/_mpbox_binop.py);
 *   "slots_key"     the qstr of the name under which a class keeps the names
 *                   its __slots__ allow, and the tuple type (guest/binop,
 *                   lib/python/_mpbox_types.py);
 *   "mro_hook"      likewise, for guest/mro, and the qstr object of
 *                   __mro__, under which each class keeps its C3 order;
 *   "super_get"     likewise, for guest/mro's super(), and the type property;
 *   "call_text_hook" likewise, for guest/errtext's call errors (lib/python/_mpbox_exc.py);
 *   "exc_types"     the address of the KeyError type, whose one argument
 *                   guest/excprint prints with repr() (lib/python/_mpbox_exc.py);
 *   "error_texts"   the address of the addresses of CPython's error texts
 *                   (ZeroDivisionError's, int()'s) guest/errtext picks from;
 *   "exc_table"     the chain attributes' qstrs and texts (guest/excchain);
 *   "compat_table"  the address and count of host/compat.c's table;
 *   "compat_bool"   the types guest/compat makes subclass (bool) and base (int);
 *   "compat_type"   the types `type` (whose calls with three arguments
 *                   guest/compat routes) and `dict`;
 *   "compat_complex" the types complex and float (whose powers guest/compat
 *                   routes);
 *   "unicase"       the table of guest/unicase's str methods, which the host
 *                   then completes (host/unicase.c). */
static char *set_once(uint32_t *a, uint32_t *b, const char *payload, size_t len, size_t *out_len)
{
    unsigned long x = 0, y = 0;
    char buf[48];
    if (payload && len < sizeof buf && !*a) {
        memcpy(buf, payload, len);
        buf[len] = '\0';
        int n = sscanf(buf, "%lu %lu", &x, &y);
        if (n == (b ? 2 : 1) && x && x <= UINT32_MAX && y <= UINT32_MAX) {
            *a = (uint32_t)x;
            if (b)
                *b = (uint32_t)y;
        }
    }
    return envelope("[null]", out_len);
}

/* Reads a decimal number below 2**32 at the start of text[0..len), ended
 * by the end of the text or a space. Returns the characters read, or 0. */
static size_t read_u32(const char *text, size_t len, uint32_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < len && i < 11 && text[i] >= '0' && text[i] <= '9')
        v = v * 10 + (uint64_t)(text[i++] - '0');
    if (i == 0 || v > UINT32_MAX || (i < len && text[i] != ' '))
        return 0;
    *out = (uint32_t)v;
    return i;
}

/* Reads "ADDRESS LENGTH" at the start of text[0..len), the form in which
 * lib/python names a buffer of its own (uctypes.addressof, len): *span is
 * set to those LENGTH bytes of guest memory, checked to lie wholly within it
 * (rt/gmem.h), and *length to LENGTH. Returns the characters read (then the
 * text ends or a space follows), or 0 with *span NULL when the text does
 * not start so or the bytes leave guest memory. */
static size_t read_guest_span(mpb_host *h, const char *text, size_t len, uint8_t **span, uint32_t *length)
{
    uint32_t address;
    size_t a = text ? read_u32(text, len, &address) : 0;
    size_t b = a && a < len ? read_u32(text + a + 1, len - a - 1, length) : 0;
    *span = b ? mpb_g_span(&h->inst->w2c_memory, address, *length) : NULL;
    return *span ? a + 1 + b : 0;
}

/* "hash_blocks" with payload "NAME STATE ADDRESS LENGTH": hash LENGTH bytes
 * of guest memory at ADDRESS, whole blocks of digest NAME (util/digest.h),
 * into STATE (hex; "-" for the digest's initial state). The answer is
 * ["new state in hex"]. The host keeps nothing: the guest's hashlib holds
 * the state, the partial block and the padding. */
static char *hash_blocks(mpb_host *h, const char *payload, size_t len, size_t *out_len)
{
    static const char refused[] = "{\"type\":\"ValueError\",\"message\":\"hash_blocks: bad request\"}";
    char buf[256], name[16], state_hex[2 * MPB_DIGEST_STATE_MAX + 2];
    int span_at = 0;
    uint8_t *data;
    uint32_t length;
    if (!payload || len >= sizeof buf)
        return envelope(refused, out_len);
    memcpy(buf, payload, len);
    buf[len] = '\0';
    if (sscanf(buf, "%15s %129s %n", name, state_hex, &span_at) != 2 || !span_at ||
        read_guest_span(h, buf + span_at, len - (size_t)span_at, &data, &length) != len - (size_t)span_at || !data)
        return envelope(refused, out_len);
    const struct mpb_digest *d = mpb_digest_find(name, strlen(name));
    if (!d || length % d->block_len)
        return envelope(refused, out_len);
    uint8_t state[MPB_DIGEST_STATE_MAX];
    if (strcmp(state_hex, "-") == 0) {
        mpb_digest_init(d, state);
    } else {
        if (strlen(state_hex) != 2 * d->state_len)
            return envelope(refused, out_len);
        for (size_t i = 0; i < d->state_len; i++) {
            unsigned v;
            if (sscanf(state_hex + 2 * i, "%2x", &v) != 1)
                return envelope(refused, out_len);
            state[i] = (uint8_t)v;
        }
    }
    mpb_digest_blocks(d, state, data, length / d->block_len);
    h->bridge_work = (uint64_t)length * MPB_FUEL_PER_HASHED_BYTE;
    char answer[2 * MPB_DIGEST_STATE_MAX + 8] = "[\"";
    for (size_t i = 0; i < d->state_len; i++)
        snprintf(answer + 2 + 2 * i, 3, "%02x", state[i]);
    strcat(answer, "\"]");
    return envelope(answer, out_len);
}

/* "json_check" with payload "ADDRESS LENGTH": whether the LENGTH bytes of
 * guest memory at ADDRESS are one strict JSON document (util/json.h) that
 * the guest's built-in parser reads as CPython's json.loads does: no NaN or
 * Infinity (not JSON), no \u escape of a surrogate (the built-in parser
 * does not pair them), nesting at most JSON_CHECK_DEPTH (CPython 3.11's
 * parser, called from a program's top level, reads 995 levels and raises
 * RecursionError at 996). The answer is [1] or [0]:
 * for [0] the library's own parser decides, and words the error. */
#define JSON_CHECK_DEPTH 995
static char *json_check(mpb_host *h, const char *payload, size_t len, size_t *out_len)
{
    uint8_t *doc;
    uint32_t length;
    if (read_guest_span(h, payload, len, &doc, &length) != len || !doc)
        return envelope("[0]", out_len);
    h->bridge_work = (uint64_t)length * MPB_FUEL_PER_SCANNED_BYTE;
    int ok = mpb_json_check((const char *)doc, length, JSON_CHECK_DEPTH, MPB_JSON_CHECK_NO_SURROGATES) == 0;
    return envelope(ok ? "[1]" : "[0]", out_len);
}

/* "mt19937" with payload "OP ADDRESS LENGTH" or "seed ADDRESS LENGTH
 * KEY_ADDRESS KEY_LENGTH": one step of a Mersenne Twister (util/twister.h)
 * that lib/python/random.py keeps in guest memory, an array of 3 * 624
 * words (little-endian): the outputs of the current block shifted right by
 * 2 (30 bits: small ints in the guest), the same outputs whole, the state.
 *   seed    the state init_by_array gives for the key's words (KEY_LENGTH
 *           bytes, a multiple of 4); the outputs are left as they are
 *   twist   the next state, and its outputs
 *   temper  the outputs of the state as it is (after setstate)
 * The host keeps nothing. The answer is [null], or a ValueError envelope
 * for a bad request. Fuel: MPB_FUEL_PER_MT_WORD per word seeded, twisted or
 * tempered. */
#define MT_WORDS (3 * MPB_MT_N)
static char *mt19937(mpb_host *h, const char *payload, size_t len, size_t *out_len)
{
    static const char refused[] = "{\"type\":\"ValueError\",\"message\":\"mt19937: bad request\"}";
    size_t op = 0;
    while (payload && op < len && payload[op] != ' ')
        op++;
    if (!payload || op + 1 >= len)
        return envelope(refused, out_len);
    int seed = op == 4 && memcmp(payload, "seed", 4) == 0;
    int twist = op == 5 && memcmp(payload, "twist", 5) == 0;
    int temper = op == 6 && memcmp(payload, "temper", 6) == 0;
    uint8_t *gen, *key = NULL;
    uint32_t gen_len, key_len = 0;
    size_t at = op + 1 + read_guest_span(h, payload + op + 1, len - op - 1, &gen, &gen_len);
    if (seed && at + 1 < len)
        at += 1 + read_guest_span(h, payload + at + 1, len - at - 1, &key, &key_len);
    if (!(seed || twist || temper) || !gen || gen_len != MT_WORDS * 4 || at != len ||
        (seed && (!key || !key_len || key_len % 4)))
        return envelope(refused, out_len);

    uint32_t mt[MPB_MT_N];
    uint8_t *state = gen + 2 * MPB_MT_N * 4;
    uint64_t words = MPB_MT_N;
    if (seed) {
        uint32_t *k = malloc(key_len); /* aligned, and apart from the state */
        if (!k)
            return NULL;
        memcpy(k, key, key_len);
        mpb_mt_seed(mt, k, key_len / 4);
        free(k);
        memcpy(state, mt, sizeof mt);
        words = 2 * MPB_MT_N + (key_len / 4 > MPB_MT_N ? key_len / 4 : MPB_MT_N);
    } else {
        memcpy(mt, state, sizeof mt);
        if (twist) {
            mpb_mt_twist(mt);
            memcpy(state, mt, sizeof mt);
            words += MPB_MT_N;
        }
        uint32_t high[MPB_MT_N];
        for (int i = 0; i < MPB_MT_N; i++) {
            mt[i] = mpb_mt_temper(mt[i]);
            high[i] = mt[i] >> 2;
        }
        memcpy(gen, high, sizeof high);
        memcpy(gen + MPB_MT_N * 4, mt, sizeof mt);
    }
    h->bridge_work = words * MPB_FUEL_PER_MT_WORD;
    return envelope("[null]", out_len);
}

/* "clock" with payload "monotonic", "realtime" or "process": that clock
 * in nanoseconds (CLOCK_MONOTONIC since the host started, CLOCK_REALTIME,
 * the run's thread CPU time). Under the deterministic flag each reads the
 * virtual clock and advances it 1 ms, as the guest's own time imports do
 * (host/emscripten.c), realtime from MPBOX_DETERMINISTIC_EPOCH_MS. The
 * answer is [NANOSECONDS]. */
static char *clock_reading(mpb_host *h, const char *payload, size_t len, size_t *out_len)
{
    static const struct {
        const char *name;
        clockid_t id;
    } clocks[] = {{"monotonic", CLOCK_MONOTONIC}, {"realtime", CLOCK_REALTIME}, {"process", CLOCK_THREAD_CPUTIME_ID}};
    size_t i = 0;
    while (i < sizeof clocks / sizeof clocks[0] &&
           !(payload && strlen(clocks[i].name) == len && memcmp(clocks[i].name, payload, len) == 0))
        i++;
    if (i == sizeof clocks / sizeof clocks[0])
        return envelope("{\"type\":\"ValueError\",\"message\":\"clock: no such clock\"}", out_len);
    int64_t ns;
    if (h->state.deterministic) {
        int64_t ms = (int64_t)h->state.virtual_ms++;
        if (clocks[i].id == CLOCK_REALTIME)
            ms += (int64_t)MPBOX_DETERMINISTIC_EPOCH_MS;
        ns = ms * 1000000;
    } else {
        struct timespec t;
        clock_gettime(clocks[i].id, &t);
        if (clocks[i].id == CLOCK_MONOTONIC) {
            t.tv_sec -= h->epoch.tv_sec;
            t.tv_nsec -= h->epoch.tv_nsec;
        }
        ns = (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
    }
    char answer[32];
    snprintf(answer, sizeof answer, "[%lld]", (long long)ns);
    return envelope(answer, out_len);
}

/* mpb_host.internal: name and payload as copied from the guest (payload
 * NULL when longer than the channel's cap). Returns the malloc'd answer and
 * its length, or NULL when out of host memory. */
char *mpb_internal_message(mpb_host *h, const char *name, size_t name_len, const char *payload, size_t len,
                           size_t *out_len)
{
    h->bridge_work = 0;
    if (name_len == 6 && memcmp(name, "return", 6) == 0)
        return keep_return_value(h, payload, len, out_len);
    if (name_len == 6 && memcmp(name, "source", 6) == 0)
        return program_text(h, out_len);
    if (name_len == 11 && memcmp(name, "format_hook", 11) == 0)
        return set_once(&h->inst->w2c_mpbox_format_hook, &h->inst->w2c_mpbox_format_call, payload, len, out_len);
    if (name_len == 10 && memcmp(name, "slice_hook", 10) == 0) {
        uint32_t refused = 1; /* not callable before the format hook's call index */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_slice_hook : &refused, NULL, payload,
                        len, out_len);
    }
    if (name_len == 14 && memcmp(name, "type_repr_hook", 14) == 0) {
        uint32_t refused = 1; /* not callable before the format hook's call index */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_type_repr_hook : &refused, NULL, payload,
                        len, out_len);
    }
    if (name_len == 11 && memcmp(name, "subscr_hook", 11) == 0) {
        uint32_t refused = 1; /* not callable before the format hook's call index */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_subscr_hook : &refused, NULL, payload, len,
                        out_len);
    }
    if (name_len == 8 && memcmp(name, "mro_hook", 8) == 0) {
        uint32_t refused = 1; /* the same */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_mro_hook : &refused,
                        &h->inst->w2c_mpbox_mro_key, payload, len, out_len);
    }
    if (name_len == 9 && memcmp(name, "super_get", 9) == 0) {
        uint32_t refused = 1; /* the same */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_super_get_hook : &refused,
                        &h->inst->w2c_mpbox_property_type, payload, len, out_len);
    }
    if (name_len == 10 && memcmp(name, "binop_hook", 10) == 0) {
        uint32_t refused = 1; /* the same */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_binop_hook : &refused, NULL, payload,
                        len, out_len);
    }
    if (name_len == 9 && memcmp(name, "slots_key", 9) == 0)
        return set_once(&h->inst->w2c_mpbox_slots_key, &h->inst->w2c_mpbox_slots_tuple, payload, len, out_len);
    if (name_len == 14 && memcmp(name, "call_text_hook", 14) == 0) {
        uint32_t refused = 1; /* the same */
        return set_once(h->inst->w2c_mpbox_format_call ? &h->inst->w2c_mpbox_call_text_hook : &refused, NULL, payload,
                        len, out_len);
    }
    if (name_len == 9 && memcmp(name, "exc_types", 9) == 0)
        return set_once(&h->inst->w2c_mpbox_keyerror_type, NULL, payload, len, out_len);
    if (name_len == 11 && memcmp(name, "error_texts", 11) == 0)
        return set_once(&h->inst->w2c_mpbox_error_texts, NULL, payload, len, out_len);
    if (name_len == 5 && memcmp(name, "clock", 5) == 0)
        return clock_reading(h, payload, len, out_len);
    if (name_len == 11 && memcmp(name, "hash_blocks", 11) == 0)
        return hash_blocks(h, payload, len, out_len);
    if (name_len == 10 && memcmp(name, "json_check", 10) == 0)
        return json_check(h, payload, len, out_len);
    if (name_len == 7 && memcmp(name, "mt19937", 7) == 0)
        return mt19937(h, payload, len, out_len);
    if (name_len == 9 && memcmp(name, "exc_table", 9) == 0)
        return set_once(&h->inst->w2c_mpbox_exc_table, NULL, payload, len, out_len);
    if (name_len == 12 && memcmp(name, "compat_table", 12) == 0)
        return set_once(&h->inst->w2c_mpbox_compat_table, &h->inst->w2c_mpbox_compat_count, payload, len, out_len);
    if (name_len == 11 && memcmp(name, "compat_bool", 11) == 0)
        return set_once(&h->inst->w2c_mpbox_compat_bool, &h->inst->w2c_mpbox_compat_int, payload, len, out_len);
    if (name_len == 7 && memcmp(name, "unicase", 7) == 0) {
        uint32_t *table = &h->inst->w2c_mpbox_unicase_table, before = *table;
        char *answer = set_once(table, NULL, payload, len, out_len);
        if (!before)
            mpb_uc_setup(h);
        return answer;
    }
    if (name_len == 14 && memcmp(name, "compat_complex", 14) == 0)
        return set_once(&h->inst->w2c_mpbox_compat_complex, &h->inst->w2c_mpbox_compat_float, payload, len, out_len);
    if (name_len == 11 && memcmp(name, "compat_type", 11) == 0)
        return set_once(&h->inst->w2c_mpbox_compat_type, &h->inst->w2c_mpbox_compat_dict, payload, len, out_len);
    return envelope("{\"type\":\"NameError\",\"message\":\"no such internal message\"}", out_len);
}
