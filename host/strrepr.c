/*
 * strrepr.c — repr() of str (import env.mpbox_str_repr).
 *
 * guest/strrepr routes MicroPython's quoted-string printer here: MicroPython
 * escapes every character above ASCII (repr('é') is '\xe9'), CPython only
 * those that are not printable (repr('é') is 'é'). The guest calls the
 * import in a loop with a buffer on its stack and prints each piece.
 */
#include <string.h>

#include "gmem.h"
#include "host.h"
#include "strrepr.h"
#include "unitab.h"

int mpb_uni_isprintable(uint32_t c)
{
    if (c < 0x80)
        return c >= 0x20 && c < 0x7f;
    size_t lo = 0, hi = mpb_uni_printable_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < mpb_uni_printable[mid][0])
            hi = mid;
        else if (c > mpb_uni_printable[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

uint32_t mpb_str_next_char(const uint8_t *s, uint32_t len, uint32_t *i)
{
    uint32_t c = s[(*i)++];
    int more = 0;
    if (c >= 0xf0) {
        c &= 0x07;
        more = 3;
    } else if (c >= 0xe0) {
        c &= 0x0f;
        more = 2;
    } else if (c >= 0xc0) {
        c &= 0x1f;
        more = 1;
    }
    while (more-- > 0 && *i < len && (s[*i] & 0xc0) == 0x80)
        c = (c << 6) | (s[(*i)++] & 0x3f);
    return c;
}

static const char hex[] = "0123456789abcdef";

/* The escaped form of c into out (at most 10 bytes); returns its length. */
static size_t escape(uint32_t c, uint32_t quote, const uint8_t *raw, size_t raw_len, char *out)
{
    if (c == quote || c == '\\') {
        out[0] = '\\';
        out[1] = (char)c;
        return 2;
    }
    if (c == '\t' || c == '\n' || c == '\r') {
        out[0] = '\\';
        out[1] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        return 2;
    }
    if (mpb_uni_isprintable(c)) {
        memcpy(out, raw, raw_len);
        return raw_len;
    }
    int digits = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
    out[0] = '\\';
    out[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
    for (int k = 0; k < digits; k++)
        out[2 + k] = hex[(c >> (4 * (digits - 1 - k))) & 15];
    return 2 + (size_t)digits;
}

int mpb_str_repr(const uint8_t *s, uint32_t len, uint32_t *pos, uint32_t *quote, char *out, size_t cap)
{
    size_t n = 0;
    if (cap < MPB_STRREPR_MIN || *pos > len) {
        if (cap)
            out[0] = '\0';
        return 0;
    }
    if (*quote != '\'' && *quote != '"') {
        int single = memchr(s, '\'', len) != NULL, dbl = memchr(s, '"', len) != NULL;
        *quote = single && !dbl ? '"' : '\'';
        *pos = 0;
        out[n++] = (char)*quote;
    }
    /* room for the longest escape, the closing quote and the NUL */
    while (*pos < len && n + 12 <= cap) {
        uint32_t start = *pos;
        uint8_t b = s[start];
        if (b >= 0x20 && b < 0x7f && b != *quote && b != '\\') {
            out[n++] = (char)b;
            (*pos)++;
            continue;
        }
        uint32_t c = mpb_str_next_char(s, len, pos);
        n += escape(c, *quote, s + start, *pos - start, out + n);
    }
    if (*pos < len) {
        out[n] = '\0';
        return 1;
    }
    out[n++] = (char)*quote;
    out[n] = '\0';
    return 0;
}

/* Guest side: the state is the two words at buf, the text follows them. */
u32 Z_envZ_mpbox_str_repr(struct Z_env_instance_t *env, u32 data, u32 len, u32 buf, u32 cap)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    wasm_rt_memory_t *m = &h->inst->w2c_memory;
    uint32_t state[2];
    const uint8_t *s = mpb_g_span(m, data, len);
    int more = 0;
    if (s && cap >= 8 + MPB_STRREPR_MIN && mpb_g_read(m, buf, state, sizeof state) == 0 && mpb_g_ok(m, buf, cap)) {
        uint32_t before = state[1] ? state[0] : 0;
        more = mpb_str_repr(s, len, &state[0], &state[1], (char *)m->data + buf + 8, cap - 8);
        mpb_g_write(m, buf, state, sizeof state);
        mpb_host_spend(h, (uint64_t)(state[0] > before ? state[0] - before : 0) * MPB_FUEL_PER_BYTE);
    } else if (mpb_g_ok(m, buf, 9)) {
        m->data[buf + 8] = 0; /* nothing to print */
    }
    MPB_IMPORT_LEAVE(h);
    return (u32)more;
}
