/*
 * numfmt.c — the guest's float printing (import env.mpbox_format_float).
 *
 * guest/numfmt.c routes MicroPython's mp_print_float here: the host writes
 * the number as CPython 3.11 would (sign, digits, grouping, '%'), and the
 * guest pads it as before. Digits come from the C library, whose printf is
 * exact for every precision, and repr() uses the shortest digit string that
 * reads back as the same double (glibc's strtod rounds correctly). All of
 * it runs in the "C" locale, whatever locale the embedding process set.
 */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmem.h"
#include "gstr.h"
#include "host.h"
#include "numfmt.h"

/* MicroPython's printer flags (py/mpprint.h) and float_print's "repr"
 * precision (py/formatfloat.h). */
#define PF_SHOW_SIGN 0x002
#define PF_SPACE_SIGN 0x004
#define PF_SHOW_PREFIX 0x008
#define PF_PAD_AFTER_SIGN 0x010
#define PF_ADD_PERCENT 0x040
#define PF_ALWAYS_DECIMAL 0x100
#define PF_SEP_POS 9
#define REPR_PREC 99
#define FMT_NO_TYPE 0x100

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Splits "d.ddde±X" (from %e, no sign) into its digits and exponent. */
static int split_e(const char *e, char *digits, int *exp10)
{
    int n = 0;
    for (const char *p = e; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    digits[n] = 0;
    const char *x = strchr(e, 'e');
    *exp10 = x ? atoi(x + 1) : 0;
    return n;
}

/* x correctly rounded to k significant digits, from its 17-digit form
 * d17/e17 (itself correctly rounded): the digits after the k-th decide the
 * direction, except when they are exactly 5000..., where only the exact
 * value can (the C library is asked then). Writes "d.ddde±X" to out. */
static void round_to(double x, const char *d17, int e17, int k, char *out, size_t cap)
{
    int up, tie = d17[k] == '5';
    for (int i = k + 1; i < 17 && tie; i++)
        tie = d17[i] == '0';
    if (tie) {
        snprintf(out, cap, "%.*e", k - 1, x);
        return;
    }
    up = d17[k] >= '5';
    char d[18];
    memcpy(d, d17, (size_t)k);
    int e = e17;
    if (up) {
        int i = k - 1;
        while (i >= 0 && d[i] == '9')
            d[i--] = '0';
        if (i >= 0) {
            d[i]++;
        } else {
            d[0] = '1'; /* 999.. -> 1000.. */
            e++;
        }
    }
    size_t n = 0;
    out[n++] = d[0];
    if (k > 1) {
        out[n++] = '.';
        memcpy(out + n, d + 1, (size_t)k - 1);
        n += (size_t)k - 1;
    }
    snprintf(out + n, cap - n, "e%d", e);
}

/* The shortest decimal that reads back as x (finite, > 0): its digits and
 * the exponent of the first. Two different decimals of at most 15
 * significant digits are never close enough to read back as the same
 * double, so when x rounded to 15 digits reads back as x, that rounding
 * without its trailing zeros is the shortest; else 16 digits, else the 17
 * that always do (for normal numbers; subnormals are searched). Each try
 * rounds the one 17-digit conversion. */
static int shortest(double x, char *digits, int *exp10)
{
    char buf[40], d17[24];
    snprintf(buf, sizeof buf, "%.16e", x);
    int e17;
    split_e(buf, d17, &e17);
    if (x >= DBL_MIN) {
        for (int k = 15; k < 17; k++) {
            round_to(x, d17, e17, k, buf, sizeof buf);
            if (strtod(buf, NULL) == x)
                return split_e(buf, digits, exp10);
        }
    } else {
        /* Subnormals have fewer bits: search 1..17 (round-tripping is
         * monotonic in the number of digits). */
        int lo = 1, hi = 17;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            round_to(x, d17, e17, mid, buf, sizeof buf);
            if (strtod(buf, NULL) == x)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo < 17) {
            round_to(x, d17, e17, lo, buf, sizeof buf);
            return split_e(buf, digits, exp10);
        }
    }
    memcpy(digits, d17, 18);
    *exp10 = e17;
    return 17;
}

/* Lays out `nd` digits with the decimal point after digit exp10+1 (fixed)
 * or as d.ddd e±XX (scientific), CPython style (two exponent digits at
 * least). min_frac: digits after the point a fixed layout keeps (zeros
 * added); dot0: append ".0" to a fixed layout without a point. */
static size_t layout(char *out, const char *digits, int nd, int exp10, int sci, int min_frac, int dot0, char e)
{
    size_t n = 0;
    if (sci) {
        out[n++] = digits[0];
        if (nd > 1 || min_frac > 0) {
            out[n++] = '.';
            for (int i = 1; i < nd; i++)
                out[n++] = digits[i];
            for (int i = nd - 1; i < min_frac; i++)
                out[n++] = '0';
        }
        n += (size_t)sprintf(out + n, "%c%c%02d", e, exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        return n;
    }
    int point = exp10 + 1; /* digits before the point */
    if (point <= 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -point; i++)
            out[n++] = '0';
        for (int i = 0; i < nd; i++)
            out[n++] = digits[i];
        for (int i = nd - point; i < min_frac; i++)
            out[n++] = '0';
        return n;
    }
    for (int i = 0; i < point; i++)
        out[n++] = i < nd ? digits[i] : '0';
    int frac = nd > point ? nd - point : 0;
    if (frac > 0 || min_frac > 0) {
        out[n++] = '.';
        for (int i = point; i < nd; i++)
            out[n++] = digits[i];
        for (int i = frac; i < min_frac; i++)
            out[n++] = '0';
    } else if (dot0) {
        out[n++] = '.';
        out[n++] = '0';
    }
    return n;
}

/* The unsigned text of finite x >= 0 (sign handled by the caller). */
static size_t format_abs(double x, int type, int no_type, int flags, int prec, char *out, size_t cap)
{
    char digits[24];
    int alt = (flags & PF_SHOW_PREFIX) != 0;
    int lower = type >= 'a';
    char e = lower ? 'e' : 'E';
    int exp10;
    if ((type == 'g' || type == 'G') && (prec == REPR_PREC || (no_type && prec < 0))) {
        /* repr(): shortest digits, fixed from 1e-4 up to 1e16. */
        int nd = shortest(x, digits, &exp10);
        while (nd > 1 && digits[nd - 1] == '0')
            nd--;
        int sci = exp10 < -4 || exp10 >= 16;
        return layout(out, digits, nd, exp10, sci, 0, (flags & PF_ALWAYS_DECIMAL) || no_type, e);
    }
    if (no_type) {
        /* Like 'g', but fixed only while exp < prec - 1, and always with
         * a digit after the point. */
        int p = prec == 0 ? 1 : prec;
        if (p > 17 + 400)
            return (size_t)-1;
        char *buf = malloc((size_t)p + 16);
        if (!buf)
            return (size_t)-1;
        snprintf(buf, (size_t)p + 16, "%.*e", p - 1, x);
        char *dg = malloc((size_t)p + 2);
        if (!dg) {
            free(buf);
            return (size_t)-1;
        }
        int nd = split_e(buf, dg, &exp10);
        free(buf);
        if (!alt)
            while (nd > 1 && dg[nd - 1] == '0')
                nd--;
        int sci = exp10 < -4 || exp10 >= p - 1;
        size_t need = (size_t)nd + (size_t)(exp10 < 0 ? -exp10 : exp10) + 16;
        size_t n = (size_t)-1;
        if (need <= cap)
            n = layout(out, dg, nd, exp10, sci, alt ? nd - 1 - exp10 : 0, 1, e);
        free(dg);
        return n;
    }
    char spec[8];
    size_t k = 0;
    spec[k++] = '%';
    if (alt)
        spec[k++] = '#';
    spec[k++] = '.';
    spec[k++] = '*';
    spec[k++] = (char)type;
    spec[k] = 0;
    int n = snprintf(out, cap, spec, prec < 0 ? 6 : prec, x);
    return n < 0 || (size_t)n >= cap ? (size_t)-1 : (size_t)n;
}

/* Inserts `sep` every three digits of the leading run of digits of
 * text[0..len) in place (cap bytes available). Returns the new length or
 * -1 when it does not fit. */
static size_t group(char *text, size_t len, size_t cap, char sep)
{
    size_t run = 0;
    while (run < len && text[run] >= '0' && text[run] <= '9')
        run++;
    size_t extra = run > 0 ? (run - 1) / 3 : 0;
    if (!extra)
        return len;
    if (len + extra > cap)
        return (size_t)-1;
    memmove(text + run + extra, text + run, len - run);
    size_t src = run, dst = run + extra, count = 0;
    while (src > 0) {
        text[--dst] = text[--src];
        if (++count % 3 == 0 && src > 0)
            text[--dst] = sep;
    }
    return len + extra;
}

int mpb_format_float(double x, int fmt, int flags, int fill, int width, int prec, char *out, size_t cap)
{
    int type = fmt & 0xff;
    int no_type = (fmt & FMT_NO_TYPE) && (type == 'g');
    if (!strchr("eEfFgG", type) || type == 0 || cap < 8)
        return -1;
    if (prec > 10000)
        return -1;
    int lower = type >= 'a';
    size_t n = 0;
    if (signbit(x) && !isnan(x)) {
        out[n++] = '-';
        x = -x;
    } else if (flags & PF_SHOW_SIGN) {
        out[n++] = '+';
    } else if (flags & PF_SPACE_SIGN) {
        out[n++] = ' ';
    }
    size_t body;
    if (isinf(x) || isnan(x)) {
        memcpy(out + n, isnan(x) ? (lower ? "nan" : "NAN") : (lower ? "inf" : "INF"), 3);
        body = 3;
    } else {
        pthread_once(&c_locale_once, make_c_locale);
        locale_t old = c_locale ? uselocale(c_locale) : (locale_t)0;
        body = format_abs(x, type, no_type, flags, prec, out + n, cap - n - 4);
        if (c_locale)
            uselocale(old);
        if (body == (size_t)-1)
            return -1;
        char sep = (char)((unsigned)flags >> PF_SEP_POS);
        if (sep) {
            /* Zero padding goes between the grouped digits, as CPython's
             * '{:010,.2f}' -> '001,234.50' (MicroPython's padding assumes
             * an integer). Zeros are added until the text is wide enough. */
            int zero_pad = fill == '0' && (flags & PF_PAD_AFTER_SIGN);
            size_t room = cap - n - 4, grouped;
            for (;;) {
                char *t = out + n;
                if (body + body / 3 + 1 > room)
                    return -1;
                char save[MPB_NUMFMT_MAX];
                memcpy(save, t, body);
                grouped = group(t, body, room, sep);
                if (grouped == (size_t)-1)
                    return -1;
                int suffix = (flags & PF_ADD_PERCENT) ? 1 : 0;
                if (!zero_pad || width < 0 || n + grouped + (size_t)suffix >= (size_t)width)
                    break;
                memcpy(t + 1, save, body);
                t[0] = '0';
                body++;
            }
            body = grouped;
        }
    }
    n += body;
    if ((flags & PF_ALWAYS_DECIMAL) && !memchr(out, '.', n) && !memchr(out, 'e', n) && !memchr(out, 'n', n)) {
        out[n++] = '.';
        out[n++] = '0';
    }
    if (flags & PF_ADD_PERCENT)
        out[n++] = '%';
    return (int)n;
}

u32 Z_envZ_mpbox_format_float(struct Z_env_instance_t *env, f64 x, u32 fmt, u32 flags, u32 fill, u32 width,
                              u32 prec, u32 buf, u32 cap)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    int n = -1;
    uint8_t *dst = mpb_g_span(&h->inst->w2c_memory, buf, cap);
    if (dst && cap <= MPB_NUMFMT_MAX)
        n = mpb_format_float(x, (int)fmt, (int)flags, (int)(fill & 0xff), (int)width, (int)prec, (char *)dst, cap);
    MPB_IMPORT_LEAVE(h);
    return (u32)n;
}

double mpb_round_float(double x, double ndigits)
{
    /* !(ndigits <= 400) also takes a NaN ndigits, which only a forged
     * import call passes: (int)NaN would be undefined */
    if (!isfinite(x) || x == 0 || !(ndigits <= 400))
        return x;
    if (ndigits < -400)
        return copysign(0.0, x);
    int n = (int)ndigits;
    char buf[800];
    pthread_once(&c_locale_once, make_c_locale);
    locale_t old = c_locale ? uselocale(c_locale) : (locale_t)0;
    double r;
    if (n >= 0) {
        /* printf rounds the exact binary value, half to even. */
        snprintf(buf, sizeof buf, "%.*f", n, x);
        r = strtod(buf, NULL);
    } else {
        /* To a multiple of 10**-n: keep exp10 + n + 1 significant digits. */
        snprintf(buf, sizeof buf, "%.16e", x);
        int exp10 = atoi(strchr(buf, 'e') + 1);
        int sig = exp10 + n + 1;
        if (sig >= 1) {
            snprintf(buf, sizeof buf, "%.*e", sig - 1, x);
            r = strtod(buf, NULL);
        } else if (sig == 0) {
            /* |x| lies in [10**exp10, 10**-n): 0 or one unit; half goes to 0 */
            snprintf(buf, sizeof buf, "5e%d", exp10);
            double half = strtod(buf, NULL);
            snprintf(buf, sizeof buf, "1e%d", -n);
            r = fabs(x) > half ? copysign(strtod(buf, NULL), x) : copysign(0.0, x);
        } else {
            r = copysign(0.0, x);
        }
    }
    if (c_locale)
        uselocale(old);
    return r;
}

f64 Z_envZ_mpbox_round(struct Z_env_instance_t *env, f64 x, f64 ndigits)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    double r = mpb_round_float(x, ndigits);
    MPB_IMPORT_LEAVE(h);
    return r;
}

/* MP_TYPE_FLAG_INSTANCE_TYPE (py/obj.h): the type is a class defined in
 * Python. An object's first word is its type; a type's flags are the u16
 * after its own first word. Immediate objects (small ints, interned
 * strings, None/True/False) have one of the two low bits set. */
#define TYPE_FLAG_INSTANCE_TYPE 0x200
static int of_python_class(const wasm_rt_memory_t *m, uint32_t obj)
{
    uint32_t type, flags;
    if (obj == 0 || (obj & 3) || mpb_g_u32(m, obj, &type) != 0 || (type & 3) ||
        mpb_g_u32(m, type + 4, &flags) != 0)
        return 0;
    return (flags & TYPE_FLAG_INSTANCE_TYPE) != 0;
}

uint32_t mpb_format_route(const wasm_rt_memory_t *m, uint32_t n_args, uint32_t args, uint32_t kwargs, int reach)
{
    /* kwargs is the map MicroPython builds over the keyword pairs that
     * follow the positional arguments: {used << 3 | bits, alloc, table}. */
    uint32_t map[3];
    if (n_args == 0 || n_args > (1u << 20) || mpb_g_read(m, kwargs, map, sizeof map) != 0)
        return 0;
    uint32_t n_kw = map[0] >> 3;
    if (n_kw > (1u << 20) || map[2] != args + 4 * n_args || !mpb_g_ok(m, args, 4ull * n_args + 8ull * n_kw))
        return 0;
    int route = reach;
    for (uint32_t i = 1; i < n_args && !route; i++) {
        uint32_t v = 0;
        mpb_g_u32(m, args + 4 * i, &v);
        route = of_python_class(m, v);
    }
    for (uint32_t i = 0; i < n_kw && !route; i++) {
        uint32_t v = 0;
        mpb_g_u32(m, map[2] + 8 * i + 4, &v);
        route = of_python_class(m, v);
    }
    return route ? n_kw + 1 : 0;
}

static int is_align(uint8_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

int mpb_format_needs_python(const uint8_t *s, size_t len, uint32_t n_pos)
{
    uint32_t next_auto = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '{')
            continue;
        if (i + 1 < len && s[i + 1] == '{') {
            i++;
            continue;
        }
        /* the field name: up to the conversion, the spec or the end; a
         * '{' there starts a nested field, seen by the next round */
        size_t j = i + 1;
        int digits = 1;
        uint32_t index = 0;
        for (; j < len && s[j] != ':' && s[j] != '!' && s[j] != '}' && s[j] != '{'; j++) {
            if (s[j] == '.' || s[j] == '[')
                return 1;
            if (s[j] >= '0' && s[j] <= '9' && index < (1u << 24))
                index = index * 10 + (uint32_t)(s[j] - '0');
            else
                digits = 0;
        }
        if (j == i + 1)
            index = next_auto++;
        if ((j == i + 1 || digits) && index >= n_pos)
            return 1; /* CPython's "Replacement index 1 out of range ..." */
        size_t k = j;
        if (k < len && s[k] == '!')
            k += 2;
        if (k + 2 < len && s[k] == ':' && is_align(s[k + 1]) && is_align(s[k + 2]))
            return 1; /* a fill that is an alignment character: '{:=>4}' */
        i = j - 1;
    }
    return 0;
}

u32 Z_envZ_mpbox_format_route(struct Z_env_instance_t *env, u32 n_args, u32 args, u32 kwargs)
{
    mpb_host *h = (mpb_host *)env;
    MPB_IMPORT_ENTER(h);
    uint32_t self, len = 0;
    const uint8_t *s = NULL;
    if (n_args > 0 && mpb_g_u32(&h->inst->w2c_memory, args, &self) == 0)
        s = mpb_guest_str(h, self, 0, &len);
    if (s) { /* the template is scanned once more */
        mpb_host_spend(h, (uint64_t)len * MPB_FUEL_PER_BYTE);
        mpb_host_fuel_check(h);
    }
    int reach = s && mpb_format_needs_python(s, len, n_args - 1);
    uint32_t r = mpb_format_route(&h->inst->w2c_memory, n_args, args, kwargs, reach);
    MPB_IMPORT_LEAVE(h);
    return r;
}
