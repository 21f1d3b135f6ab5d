/*
 * clip.c — where to cut a long text so that its head and its tail are
 * kept (clip.h).
 */
#include <stdio.h>
#include <string.h>

#include "clip.h"

static int is_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

int clip_plan(const char *s, size_t n, size_t limit, struct clip *c)
{
    memset(c, 0, sizeof *c);
    if (limit == 0 || n <= limit)
        return 0;
    size_t head = limit / 2, tail_start = n - (limit - limit / 2);
    /* a line end near each cut: the head ends after one, the tail starts
     * after one */
    size_t slack = limit / 16;
    for (size_t i = head; i > 0 && head - i <= slack; i--)
        if (s[i - 1] == '\n') {
            head = i;
            break;
        }
    for (size_t i = tail_start; i < n && i - tail_start <= slack; i++)
        if (s[i] == '\n') {
            if (i + 1 < n)
                tail_start = i + 1;
            break;
        }
    /* never inside a UTF-8 sequence: the head gives back the start of a
     * cut character, the tail skips its continuation bytes */
    while (head > 0 && is_continuation((unsigned char)s[head]))
        head--;
    while (tail_start < n && is_continuation((unsigned char)s[tail_start]))
        tail_start++;
    c->head = head;
    c->tail = n - tail_start;
    c->omitted = tail_start - head;
    return 1;
}

size_t clip_marker(char *buf, size_t cap, size_t omitted)
{
    int k = snprintf(buf, cap, "[mpbox: %zu bytes left out]", omitted);
    if (k < 0)
        return 0;
    return (size_t)k < cap ? (size_t)k : cap ? cap - 1 : 0;
}
