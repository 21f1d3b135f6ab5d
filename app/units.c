/*
 * size.c — sizes ("256M", "65536", "1GiB") and durations in seconds ("30",
 * "0.5", "250ms") as typed on the command line, and their printed forms.
 *
 * Hand-written rather than strtoull/strtod: those accept leading spaces,
 * signs, hex, "inf" and "nan", and wrap silently on some overflows.
 */
#include <stdio.h>
#include <string.h>

#include "units.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* Case-insensitive whole-string comparison. */
static int same_word(const char *a, const char *b)
{
    while (*a && *b && lower(*a) == lower(*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

const char *app_parse_size(const char *text, uint64_t *bytes)
{
    const char *p = text;
    uint64_t n = 0;

    if (*p == '\0')
        return "empty value";
    if (*p == '-')
        return "must not be negative";
    if (!is_digit(*p))
        return "expected a whole number of bytes with an optional K, M or G suffix";
    for (; is_digit(*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        if (n > (UINT64_MAX - d) / 10)
            return "too large";
        n = n * 10 + d;
    }

    /* Binary multiples; "K", "KB", "KiB" all mean 1024. */
    uint64_t mult = 1;
    if (*p != '\0') {
        int shift;
        switch (lower(*p)) {
        case 'k': shift = 10; break;
        case 'm': shift = 20; break;
        case 'g': shift = 30; break;
        case 'b': shift = 0; break;
        default: return "expected a whole number of bytes with an optional K, M or G suffix";
        }
        mult = (uint64_t)1 << shift;
        const char *rest = p + 1;
        if (shift == 0 ? *rest != '\0'
                       : !(*rest == '\0' || same_word(rest, "b") || same_word(rest, "ib")))
            return "unknown suffix (use K, M or G)";
    }
    if (n != 0 && n > UINT64_MAX / mult)
        return "too large";
    *bytes = n * mult;
    return NULL;
}

const char *app_parse_uint(const char *text, uint64_t max, uint64_t *n)
{
    const char *p = text;
    uint64_t v = 0;

    if (*p == '\0')
        return "empty value";
    if (*p == '-')
        return "must not be negative";
    if (!is_digit(*p))
        return "expected a whole number";
    for (; is_digit(*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (max - d) / 10)
            return "too large";
        v = v * 10 + d;
    }
    if (*p != '\0')
        return "expected a whole number";
    *n = v;
    return NULL;
}

const char *app_parse_count(const char *text, uint64_t *n)
{
    const char *p = text;
    uint64_t v = 0;
    const uint64_t max = (uint64_t)INT64_MAX;

    if (*p == '\0')
        return "empty value";
    if (*p == '-')
        return "must not be negative";
    if (!is_digit(*p))
        return "expected a whole number with an optional K, M or G suffix";
    for (; is_digit(*p); p++) {
        unsigned d = (unsigned)(*p - '0');
        if (v > (max - d) / 10)
            return "too large";
        v = v * 10 + d;
    }
    /* Decimal multiples: fuel is a count, not bytes. */
    uint64_t mult = 1;
    if (*p != '\0') {
        switch (lower(*p)) {
        case 'k': mult = 1000; break;
        case 'm': mult = 1000000; break;
        case 'g': mult = 1000000000; break;
        default: return "expected a whole number with an optional K, M or G suffix";
        }
        if (p[1] != '\0')
            return "unknown suffix (use K, M or G: powers of 1000)";
    }
    if (v != 0 && v > max / mult)
        return "too large";
    *n = v * mult;
    return NULL;
}

/* Timeouts beyond this are refused: the library keeps milliseconds in
 * signed 32-bit fields in places, and nobody means 25 days. */
#define MAX_TIMEOUT_MS 2147483647LL

const char *app_parse_seconds(const char *text, int64_t *ms)
{
    const char *p = text;
    int64_t whole = 0;
    int64_t frac_num = 0, frac_den = 1; /* fraction kept exactly up to 1e-15 */
    int frac_rest = 0;                  /* any non-zero digit beyond that */

    if (*p == '\0')
        return "empty value";
    if (*p == '-')
        return "must not be negative";
    if (!is_digit(*p) && !(*p == '.' && is_digit(p[1])))
        return "expected a number of seconds such as 30 or 0.5";
    for (; is_digit(*p); p++) {
        if (whole > MAX_TIMEOUT_MS)
            return "too large";
        whole = whole * 10 + (*p - '0');
    }
    if (*p == '.') {
        p++;
        for (; is_digit(*p); p++) {
            if (frac_den < 1000000000000000LL) {
                frac_num = frac_num * 10 + (*p - '0');
                frac_den *= 10;
            } else if (*p != '0') {
                frac_rest = 1;
            }
        }
    }

    int64_t scale = 1000; /* units per second of the suffix */
    if (*p != '\0') {
        if (same_word(p, "s"))
            scale = 1000;
        else if (same_word(p, "ms"))
            scale = 1;
        else
            return "unknown unit (use a plain number of seconds, or a suffix s or ms)";
    }
    if (whole > MAX_TIMEOUT_MS / scale)
        return "too large (at most 2147483 s)";

    /* Round a fraction of a millisecond up, so that a tiny non-zero value
     * never turns into 0 = "no limit". */
    int64_t total = whole * scale;
    int64_t part = frac_num * scale;
    int64_t add = part / frac_den;
    if (part % frac_den != 0 || frac_rest)
        add++;
    total += add;
    if (total > MAX_TIMEOUT_MS)
        return "too large (at most 2147483 s)";
    *ms = total;
    return NULL;
}

void app_format_size(uint64_t bytes, char *buf, size_t cap)
{
    static const char *const units[] = {"GiB", "MiB", "KiB"};
    static const int shifts[] = {30, 20, 10};

    for (int i = 0; i < 3; i++) {
        uint64_t unit = (uint64_t)1 << shifts[i];
        if (bytes >= unit && bytes % unit == 0) {
            snprintf(buf, cap, "%llu %s", (unsigned long long)(bytes / unit), units[i]);
            return;
        }
    }
    snprintf(buf, cap, "%llu bytes", (unsigned long long)bytes);
}

void app_format_ms(int64_t ms, char *buf, size_t cap)
{
    if (ms % 1000 == 0) {
        snprintf(buf, cap, "%lld s", (long long)(ms / 1000));
        return;
    }
    /* Three decimals, then drop trailing zeros: 0.5 s, 1.25 s, 0.001 s. */
    snprintf(buf, cap, "%lld.%03lld", (long long)(ms / 1000), (long long)(ms % 1000));
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n + 3 <= cap)
        memcpy(buf + n, " s", 3);
}
