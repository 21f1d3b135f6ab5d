/*
 * cliptext.c — clip.h's cut applied to the texts the command and the
 * server hand out: plain text into a buffer, and the stdout and stderr
 * of a result's JSON.
 */
#include <stdio.h>
#include <string.h>

#include "cliptext.h"
#include "json.h"

int app_clip_append(struct mpb_buf *b, const char *s, size_t n, size_t limit)
{
    struct clip c;
    if (!clip_plan(s, n, limit, &c))
        return mpb_buf_append(b, s, n);
    char marker[64];
    size_t mlen = clip_marker(marker, sizeof marker, c.omitted);
    int fail = mpb_buf_append(b, s, c.head) < 0;
    if (c.head && s[c.head - 1] != '\n')
        fail |= mpb_buf_append(b, "\n", 1) < 0;
    fail |= mpb_buf_append(b, marker, mlen) < 0;
    fail |= mpb_buf_append(b, "\n", 1) < 0;
    fail |= mpb_buf_append(b, s + n - c.tail, c.tail) < 0;
    return fail ? -1 : 0;
}

/* The member names of the result JSON whose text is clipped, and the
 * member added after each to say how many bytes were left out. */
static const char *const clipped[][2] = {
    {"stdout", "stdout_omitted_bytes"},
    {"stderr", "stderr_omitted_bytes"},
};

int app_clip_result_json(const char *json, size_t len, size_t limit, struct mpb_buf *out)
{
    struct mpb_json *v = mpb_json_parse(json, len, NULL);
    if (!v || v->type != MPB_JSON_OBJECT) {
        mpb_json_free(v);
        return -2;
    }
    int fail = mpb_json_put(out, "{") < 0;
    for (size_t i = 0; i < v->n && !fail; i++) {
        const struct mpb_json *m = v->items[i];
        if (i)
            fail |= mpb_json_put(out, ",") < 0;
        fail |= mpb_json_put_str(out, v->keys[i], strlen(v->keys[i])) < 0;
        fail |= mpb_json_put(out, ":") < 0;
        int which = -1;
        for (int k = 0; k < 2; k++)
            if (strcmp(v->keys[i], clipped[k][0]) == 0 && m->type == MPB_JSON_STRING)
                which = k;
        if (which < 0) {
            fail |= mpb_json_write(out, m) < 0;
            continue;
        }
        struct mpb_buf t = {0};
        struct clip c;
        size_t omitted = clip_plan(m->str, m->len, limit, &c) ? c.omitted : 0;
        fail |= app_clip_append(&t, m->str, m->len, limit) < 0;
        fail |= mpb_json_put_str(out, t.data ? t.data : "", t.len) < 0;
        mpb_buf_free(&t);
        char num[48];
        snprintf(num, sizeof num, ",\"%s\":%zu", clipped[which][1], omitted);
        fail |= mpb_json_put(out, num) < 0;
    }
    fail |= mpb_json_put(out, "}") < 0;
    mpb_json_free(v);
    return fail ? -1 : 0;
}
