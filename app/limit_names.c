/*
 * limit_names.c — limits by name for the command and the server, from the
 * library's limit table (see limit_names.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limit_names.h"
#include "mpbox.h"
#include "units.h"

/* The JSON member of a row: its name, "_ms" added for durations. */
static void json_name(const mpbox_limit_desc *d, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s%s", d->name, d->unit == MPBOX_UNIT_MS ? "_ms" : "");
}

void app_limit_flag_name(int id, char *buf, size_t cap)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    snprintf(buf, cap, "%s", d ? d->name : "");
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '-';
}

void app_limit_json_name(int id, char *buf, size_t cap)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    if (d)
        json_name(d, buf, cap);
    else if (cap)
        buf[0] = '\0';
}

int app_limit_flag(const char *flag, int *takes_value, int64_t *value)
{
    int negated = strncmp(flag, "no-", 3) == 0;
    char name[64];
    for (int id = 0; id < mpbox_limit_count(); id++) {
        const mpbox_limit_desc *d = mpbox_limit_info(id);
        app_limit_flag_name(id, name, sizeof name);
        if (d->unit == MPBOX_UNIT_BOOL && strcmp(flag + (negated ? 3 : 0), name) == 0) {
            *takes_value = 0;
            *value = !negated;
            return id;
        }
        if (d->unit != MPBOX_UNIT_BOOL && strcmp(flag, name) == 0) {
            *takes_value = 1;
            *value = 0;
            return id;
        }
    }
    return -1;
}

void app_limit_format(int id, int64_t value, char *buf, size_t cap)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    if (!d) {
        snprintf(buf, cap, "%lld", (long long)value);
    } else if (value == 0 && (d->flags & MPBOX_LIMIT_ZERO_IS_NONE)) {
        snprintf(buf, cap, "no limit");
    } else if (d->unit == MPBOX_UNIT_BYTES) {
        app_format_size((uint64_t)value, buf, cap);
    } else if (d->unit == MPBOX_UNIT_MS) {
        app_format_ms(value, buf, cap);
    } else if (d->unit == MPBOX_UNIT_CHOICE) {
        snprintf(buf, cap, "%s", d->values[value != 0]);
    } else if (d->unit == MPBOX_UNIT_BOOL) {
        snprintf(buf, cap, "%s", value ? "on" : "off");
    } else {
        snprintf(buf, cap, "%lld", (long long)value);
    }
}

/* NULL when v is within the row's range, else a message in msg. */
static const char *check_range(const mpbox_limit_desc *d, int64_t v, char *msg, size_t cap)
{
    char lim[48];
    if (v < d->min) {
        app_limit_format(d->id, d->min, lim, sizeof lim);
        snprintf(msg, cap, "below the minimum of %s", lim);
        return msg;
    }
    if (v > d->max) {
        if (d->id == MPBOX_LIMIT_FUEL && !mpbox_has_fuel())
            snprintf(msg, cap, "this mpbox was built without fuel metering (see mpbox --version); "
                               "only 0 (no limit) is accepted");
        else if (d->max == INT64_MAX)
            snprintf(msg, cap, "too large");
        else
            app_limit_format(d->id, d->max, lim, sizeof lim), snprintf(msg, cap, "above the maximum of %s", lim);
        return msg;
    }
    return NULL;
}

const char *app_limit_parse(int id, const char *text, int64_t *value, char *msg, size_t cap)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    uint64_t u = 0;
    int64_t ms = 0;
    const char *err = NULL;
    if (!d)
        return "unknown limit";
    switch (d->unit) {
    case MPBOX_UNIT_BYTES:
        err = app_parse_size(text, &u);
        break;
    case MPBOX_UNIT_MS:
        err = app_parse_seconds(text, &ms);
        u = (uint64_t)ms;
        break;
    case MPBOX_UNIT_CHOICE:
        if (strcmp(text, d->values[0]) == 0 || strcmp(text, d->values[1]) == 0)
            u = strcmp(text, d->values[1]) == 0;
        else
            snprintf(msg, cap, "expected '%s' or '%s'", d->values[0], d->values[1]), err = msg;
        break;
    default:
        err = app_parse_count(text, &u);
        break;
    }
    if (!err && u > INT64_MAX)
        err = "too large";
    if (err)
        return err;
    *value = (int64_t)u;
    return check_range(d, *value, msg, cap);
}

unsigned app_limit_set(int64_t *limits, int id, int64_t value)
{
    const mpbox_limit_desc *d = mpbox_limit_info(id);
    limits[id] = value;
    if (d && d->also >= 0) {
        limits[d->also] = value;
        return 1u << id | 1u << d->also;
    }
    return 1u << id;
}

void app_limit_defaults(int64_t *limits)
{
    for (int id = 0; id < mpbox_limit_count(); id++)
        limits[id] = mpbox_limit_info(id)->default_value;
}

/* The flag as help shows it: "--memory SIZE", "--on-output-limit=drop|stop",
 * "--no-rollback" (a yes/no limit: the flag that changes the default). */
static void flag_usage(const mpbox_limit_desc *d, char *buf, size_t cap)
{
    char name[64];
    app_limit_flag_name(d->id, name, sizeof name);
    switch (d->unit) {
    case MPBOX_UNIT_BOOL: snprintf(buf, cap, "--%s%s", d->default_value ? "no-" : "", name); break;
    case MPBOX_UNIT_CHOICE: snprintf(buf, cap, "--%s=%s|%s", name, d->values[0], d->values[1]); break;
    case MPBOX_UNIT_BYTES: snprintf(buf, cap, "--%s SIZE", name); break;
    case MPBOX_UNIT_MS: snprintf(buf, cap, "--%s SECONDS", name); break;
    default: snprintf(buf, cap, "--%s N", name); break;
    }
}

void app_limit_help(void)
{
    for (int id = 0; id < mpbox_limit_count(); id++) {
        const mpbox_limit_desc *d = mpbox_limit_info(id);
        char flag[128], def[176];
        flag_usage(d, flag, sizeof flag);
        app_limit_format(id, d->default_value, def, sizeof def);
        if (d->unit == MPBOX_UNIT_BOOL && d->default_value)
            snprintf(def, sizeof def, "on; %s turns it off", flag);
        if (strlen(flag) > 20)
            printf("      %s\n      %-20s %s (default %s)\n", flag, "", d->help, def);
        else
            printf("      %-20s %s (default %s)\n", flag, d->help, def);
    }
}

/* A JSON whole number in [0, INT64_MAX], or -1. */
static int64_t json_uint(const struct mpb_json *v)
{
    if (!v || v->type != MPB_JSON_NUMBER || !v->integer || v->str[0] == '-')
        return -1;
    char *end;
    unsigned long long x = strtoull(v->str, &end, 10);
    if (*end || x > INT64_MAX)
        return -1;
    return (int64_t)x;
}

int app_limits_from_json(const struct mpb_json *obj, const int64_t *max, int64_t *out, char *msg, size_t cap)
{
    char name[64], why[120];
    if (!obj || obj->type != MPB_JSON_OBJECT) {
        snprintf(msg, cap, "limits: expected an object");
        return APP_LIMITS_BAD;
    }
    for (size_t i = 0; i < obj->n; i++) {
        int id = -1;
        for (int k = 0; k < mpbox_limit_count() && id < 0; k++) {
            app_limit_json_name(k, name, sizeof name);
            if (strcmp(obj->keys[i], name) == 0)
                id = k;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(obj->keys[j], obj->keys[i]) == 0) {
                snprintf(msg, cap, "limits: member \"%.100s\" given twice", obj->keys[i]);
                return APP_LIMITS_BAD;
            }
        if (id < 0) {
            size_t n = (size_t)snprintf(msg, cap, "limits: unknown member \"%.100s\" (expected:", obj->keys[i]);
            for (int k = 0; k < mpbox_limit_count() && n < cap; k++) {
                app_limit_json_name(k, name, sizeof name);
                n += (size_t)snprintf(msg + n, cap - n, "%s %s", k ? "," : "", name);
            }
            if (n < cap)
                snprintf(msg + n, cap - n, ")");
            return APP_LIMITS_BAD;
        }
    }
    /* in table order: max_output sets stderr too, max_stderr after it */
    for (int id = 0; id < mpbox_limit_count(); id++) {
        const mpbox_limit_desc *d = mpbox_limit_info(id);
        json_name(d, name, sizeof name);
        const struct mpb_json *v = mpb_json_get(obj, name);
        int64_t x;
        if (!v)
            continue;
        if (d->unit == MPBOX_UNIT_BOOL) {
            if (v->type != MPB_JSON_BOOL) {
                snprintf(msg, cap, "limits.%s: expected true or false", name);
                return APP_LIMITS_BAD;
            }
            x = v->b;
        } else if (d->unit == MPBOX_UNIT_CHOICE) {
            if (v->type != MPB_JSON_STRING || (strcmp(v->str, d->values[0]) != 0 && strcmp(v->str, d->values[1]) != 0)) {
                snprintf(msg, cap, "limits.%s: expected \"%s\" or \"%s\"", name, d->values[0], d->values[1]);
                return APP_LIMITS_BAD;
            }
            x = strcmp(v->str, d->values[1]) == 0;
        } else if ((x = json_uint(v)) < 0) {
            snprintf(msg, cap, "limits.%s: expected a whole number from 0 to 2^63-1", name);
            return APP_LIMITS_BAD;
        }
        int none = (d->flags & MPBOX_LIMIT_ZERO_IS_NONE) != 0;
        if (max && !(d->flags & MPBOX_LIMIT_SETTING) && !(none && max[id] == 0) &&
            (x > max[id] || (none && x == 0))) {
            snprintf(msg, cap, "limits.%s: %lld is above this server's maximum of %lld%s", name, (long long)x,
                     (long long)max[id], none ? " (0 would mean no limit)" : "");
            return APP_LIMITS_TOO_HIGH;
        }
        if (check_range(d, x, why, sizeof why)) {
            snprintf(msg, cap, "limits.%s: %s", name, why);
            return APP_LIMITS_BAD;
        }
        app_limit_set(out, id, x);
    }
    return APP_LIMITS_OK;
}

int app_limits_to_json(struct mpb_buf *b, const int64_t *limits)
{
    char name[64], num[24];
    int rc = mpb_json_put(b, "{");
    for (int id = 0; id < mpbox_limit_count(); id++) {
        const mpbox_limit_desc *d = mpbox_limit_info(id);
        json_name(d, name, sizeof name);
        rc |= mpb_json_put(b, id ? "," : "");
        rc |= mpb_json_put_str(b, name, strlen(name));
        rc |= mpb_json_put(b, ":");
        if (d->unit == MPBOX_UNIT_BOOL) {
            rc |= mpb_json_put(b, limits[id] ? "true" : "false");
        } else if (d->unit == MPBOX_UNIT_CHOICE) {
            rc |= mpb_json_put_str(b, d->values[limits[id] != 0], strlen(d->values[limits[id] != 0]));
        } else if (limits[id] < 0) {
            rc |= mpb_json_put(b, "null"); /* the library's own */
        } else {
            snprintf(num, sizeof num, "%lld", (long long)limits[id]);
            rc |= mpb_json_put(b, num);
        }
    }
    rc |= mpb_json_put(b, "}");
    return rc ? -1 : 0;
}
