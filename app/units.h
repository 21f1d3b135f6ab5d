/*
 * units.h — sizes ("256M", "65536", "1GiB"), durations ("30", "0.5",
 * "250ms") and counts ("10M") as typed in options, and their printed forms:
 * one reading for the command's and the server's flags and the server's
 * JSON.
 */
#ifndef MPBOX_APP_UNITS_H
#define MPBOX_APP_UNITS_H

#include <stddef.h>
#include <stdint.h>

/* Each parser returns NULL on success or a static message saying what is
 * wrong with the text (to be printed after the option name). */
const char *app_parse_size(const char *text, uint64_t *bytes);
const char *app_parse_seconds(const char *text, int64_t *ms);
/* A count with an optional K, M or G suffix (powers of 1000): --fuel. */
const char *app_parse_count(const char *text, uint64_t *n);
/* A plain whole number from 0 to max: --seed. */
const char *app_parse_uint(const char *text, uint64_t max, uint64_t *n);
/* "256 MiB", "1536 KiB", "1000 bytes": exact, never rounded. */
void app_format_size(uint64_t bytes, char *buf, size_t cap);
/* "30 s", "0.5 s", "1.25 s". */
void app_format_ms(int64_t ms, char *buf, size_t cap);

#endif /* MPBOX_APP_UNITS_H */
