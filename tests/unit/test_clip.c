/*
 * test_clip.c — the head and tail of long output (app/clip.c, cliptext.c):
 * what is kept, the marker, UTF-8 and line boundaries, and the result JSON
 * with clipped streams.
 *
 * Linked with the objects of app/ (Makefile); util/ comes with libmpbox.a.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cliptext.h"

#include "check.h"

static void short_text_is_kept_whole(void)
{
    struct clip c;
    CHECK(clip_plan("hello", 5, 5, &c) == 0);
    CHECK(clip_plan("hello", 5, 0, &c) == 0); /* 0: no limit */
    struct mpb_buf b = {0};
    CHECK(app_clip_append(&b, "hello", 5, 5) == 0);
    CHECK_STR(b.data, "hello");
    mpb_buf_free(&b);
}

static void head_tail_and_marker(void)
{
    char s[1000];
    for (int i = 0; i < 1000; i++)
        s[i] = (char)('a' + i % 26);
    struct clip c;
    CHECK(clip_plan(s, 1000, 100, &c) == 1);
    CHECK(c.head == 50 && c.tail == 50 && c.omitted == 900);
    struct mpb_buf b = {0};
    CHECK(app_clip_append(&b, s, 1000, 100) == 0);
    CHECK(b.len == 50 + strlen("\n[mpbox: 900 bytes left out]\n") + 50);
    CHECK(memcmp(b.data, s, 50) == 0);
    CHECK(memcmp(b.data + b.len - 50, s + 950, 50) == 0);
    CHECK(strstr(b.data, "\n[mpbox: 900 bytes left out]\n") == b.data + 50);
    mpb_buf_free(&b);
}

/* No cut inside a multi-byte character, whatever the limit. */
static void utf8_boundaries(void)
{
    const char *e = "\xc3\xa9", *euro = "\xe2\x82\xac";
    char s[3000];
    size_t n = 0;
    for (int i = 0; i < 400; i++) {
        memcpy(s + n, i % 2 ? e : euro, i % 2 ? 2 : 3);
        n += i % 2 ? 2 : 3;
    }
    for (size_t limit = 1; limit < 60; limit++) {
        struct clip c;
        CHECK(clip_plan(s, n, limit, &c) == 1);
        CHECK(c.head + c.tail <= limit);
        CHECK(c.head + c.tail + c.omitted == n);
        CHECK(c.head == n || (s[c.head] & 0xc0) != 0x80);
        CHECK(c.tail == 0 || (s[n - c.tail] & 0xc0) != 0x80);
    }
}

/* The cuts move to a line end when one is near, so lines stay whole. */
static void line_boundaries(void)
{
    char s[20000];
    size_t n = 0;
    for (int i = 0; i < 2000; i++)
        n += (size_t)snprintf(s + n, sizeof s - n, "line %d\n", i);
    struct clip c;
    CHECK(clip_plan(s, n, 2000, &c) == 1);
    CHECK(c.head <= 1000 && c.head > 1000 - 2000 / 16 - 1);
    CHECK(s[c.head - 1] == '\n');
    CHECK(s[n - c.tail - 1] == '\n');
    CHECK(strncmp(s + n - c.tail, "line ", 5) == 0);
}

static void result_json(void)
{
    const char *json = "{\"status\":\"ok\",\"stdout\":\"0123456789abcdefghij\",\"stderr\":\"e\","
                       "\"error\":null,\"stats\":{\"wall_ms\":0.125,\"stdout_bytes\":20}}";
    struct mpb_buf b = {0};
    CHECK(app_clip_result_json(json, strlen(json), 10, &b) == 0);
    CHECK_STR(b.data, "{\"status\":\"ok\",\"stdout\":\"01234\\n[mpbox: 10 bytes left out]\\nfghij\","
                      "\"stdout_omitted_bytes\":10,\"stderr\":\"e\",\"stderr_omitted_bytes\":0,"
                      "\"error\":null,\"stats\":{\"wall_ms\":0.125,\"stdout_bytes\":20}}");
    mpb_buf_free(&b);
    CHECK(app_clip_result_json("[1]", 3, 10, &b) == -2);
    CHECK(app_clip_result_json("{\"a\":", 5, 10, &b) == -2);
    mpb_buf_free(&b);
}

int main(void)
{
    RUN(short_text_is_kept_whole);
    RUN(head_tail_and_marker);
    RUN(utf8_boundaries);
    RUN(line_boundaries);
    RUN(result_json);
    CHECK_EXIT();
}
