/*
 * log.c — what the running server says on stderr (serve.h): text lines
 * "mpbox serve: MESSAGE", or with --log-format=json one JSON object a line.
 * Each line goes out in one write(), so that lines of different threads do
 * not interleave.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "json.h"
#include "serve.h"

static atomic_int json_mode;

void srv_log_set_json(int on) { atomic_store(&json_mode, on); }
int srv_log_is_json(void) { return atomic_load(&json_mode); }

void srv_log_time(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static const char *const level_names[] = {"info", "warning", "error"};

void srv_log_begin(struct mpb_buf *b, int level, const char *event)
{
    char when[32];
    srv_log_time(when);
    mpb_json_put(b, "{\"time\":\"");
    mpb_json_put(b, when);
    mpb_json_put(b, "\",\"level\":\"");
    mpb_json_put(b, level_names[level]);
    mpb_json_put(b, "\",\"event\":");
    mpb_json_put_str(b, event, strlen(event));
}

void srv_log_end(struct mpb_buf *b)
{
    mpb_json_put(b, "}\n");
    if (b->data)
        app_write_all(2, b->data, b->len);
    mpb_buf_free(b);
}

void srv_log(int level, const char *event, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!srv_log_is_json()) {
        char line[1100];
        int n = snprintf(line, sizeof line, "mpbox serve: %s%s\n", level == SRV_WARN ? "warning: " : "", msg);
        app_write_all(2, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
        return;
    }
    struct mpb_buf b = {0};
    srv_log_begin(&b, level, event);
    mpb_json_put(&b, ",\"message\":");
    mpb_json_put_str(&b, msg, strlen(msg));
    srv_log_end(&b);
}
