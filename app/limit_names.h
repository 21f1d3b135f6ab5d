/*
 * limit_names.h — the session limits as the command, the server and the API name
 * them, all made from the library's limit table (mpbox_limit_info: names,
 * units, defaults, ranges), so that a new limit there is a new flag and a
 * new JSON member here without code:
 *   flag  --NAME VALUE, '-' for '_' (--memory 256M, --max-output 1M,
 *         --timeout 30 in seconds, --fuel 10M, --seed 7,
 *         --on-output-limit=stop); a yes/no limit is --NAME or --no-NAME
 *   JSON  "NAME", or "NAME_ms" for durations (in ms): a whole number, true
 *         or false, or one of a choice's two names
 * A front end keeps limits as an array indexed by id (MPBOX_LIMIT_*).
 */
#ifndef MPBOX_APP_LIMIT_NAMES_H
#define MPBOX_APP_LIMIT_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "json.h"

/* The limit set by flag `flag` (without "--"), or -1. *takes_value is 1 for
 * a flag with a value; a yes/no flag sets *value (1, or 0 for --no-NAME). */
int app_limit_flag(const char *flag, int *takes_value, int64_t *value);
/* The value of a limit flag's text: NULL, or a message for after the
 * option ("below the minimum of 16.2 MiB", "expected 'drop' or 'stop'"). */
const char *app_limit_parse(int id, const char *text, int64_t *value, char *msg, size_t cap);
/* Set limit id and the limit set with it (mpbox_limit_desc.also); returns
 * the bits (1 << id) of the limits set. */
unsigned app_limit_set(int64_t *limits, int id, int64_t value);
/* Every limit's default (the library's table). */
void app_limit_defaults(int64_t *limits);
/* The help text of the limit flags, one line (or two) each, into stdout. */
void app_limit_help(void);
/* The flag ("max-output") and the JSON member ("timeout_ms") of limit id. */
void app_limit_flag_name(int id, char *buf, size_t cap);
void app_limit_json_name(int id, char *buf, size_t cap);
/* A value as a person reads it: "256 MiB", "30 s", "stop", "no limit". */
void app_limit_format(int id, int64_t value, char *buf, size_t cap);

/* The limits of a JSON object into out[] (which holds the defaults), every
 * member a limit name at most once, values within the table's range and,
 * for caps (not MPBOX_LIMIT_SETTING), within max[] when max is not NULL
 * (0 in max[] of a ZERO_IS_NONE limit: no maximum). Returns
 * APP_LIMITS_OK, or APP_LIMITS_BAD / APP_LIMITS_TOO_HIGH with a message
 * ("limits.memory: ..."). */
enum { APP_LIMITS_OK = 0, APP_LIMITS_BAD = 1, APP_LIMITS_TOO_HIGH = 2 };
int app_limits_from_json(const struct mpb_json *obj, const int64_t *max, int64_t *out, char *msg, size_t cap);
/* limits[] as a JSON object of every named limit. Returns 0 or -1 (memory). */
int app_limits_to_json(struct mpb_buf *b, const int64_t *limits);

#endif /* MPBOX_APP_LIMIT_NAMES_H */
