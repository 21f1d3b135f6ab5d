/*
 * hostfn.h — host functions: the registry, the strict JSON checker that
 * every payload crossing the bridge goes through, and the SQL helper.
 * Callers: core/ only.
 */
#ifndef MPB_HOSTFN_H
#define MPB_HOSTFN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "json.h"
#include "mpbox.h"

/* Integers with more digits are refused in both directions (the same
 * bound CPython puts on int <-> str conversion by default). */
#define MPB_JSON_MAX_DIGITS 4300
/* Largest accepted MPBOX_LIMIT_HOST_DEPTH: the checker recurses. */
#define MPB_JSON_MAX_DEPTH 1000
/* Longest host function name. */
#define MPB_HOSTFN_NAME_MAX 128

/* JSON is written into struct mpb_buf (util/buf.h) with util/json.h's
 * writer (mpb_json_put_str, mpb_json_put). */

/* Check that in[0..len) is one JSON value (RFC 8259, strict: no NaN or
 * Infinity, no trailing commas, no comments, valid UTF-8 without
 * surrogates, \u escapes paired, nesting at most max_depth containers,
 * integers of at most MPB_JSON_MAX_DIGITS digits, finite floats) and append
 * its canonical form to out: no whitespace, strings as raw UTF-8 with only
 * '"', '\' and control characters escaped. Returns NULL, or a static
 * reason. */
const char *mpb_json_canon(const char *in, size_t len, unsigned max_depth, struct mpb_buf *out);
/* The same for a host call payload, which must be an object with exactly
 * the members "args" (array) and "kwargs" (object); written as
 * {"args":[...],"kwargs":{...}}. The depth counts from the argument
 * values (a scalar argument is depth 0). */
const char *mpb_json_canon_args(const char *in, size_t len, unsigned max_depth, struct mpb_buf *out);

/* Is s[0..n) a Python identifier (ASCII) of at most MPB_HOSTFN_NAME_MAX
 * bytes? */
int mpb_hostfn_name_ok(const char *s, size_t n);

typedef struct mpb_hostfn {
    char *name;
    mpbox_host_fn fn;
    void *user;
} mpb_hostfn;

typedef struct mpb_sqldb {
    char *name, *path;
} mpb_sqldb;

/* What is registered on a runtime or a session. */
typedef struct mpb_hostreg {
    mpb_hostfn *fns;
    size_t nfns, capfns;
    mpb_sqldb *dbs;
    size_t ndbs, capdbs;
} mpb_hostreg;

int mpb_hostreg_add_fn(mpb_hostreg *r, const char *name, mpbox_host_fn fn, void *user);
int mpb_hostreg_add_db(mpb_hostreg *r, const char *name, const char *path);
int mpb_hostreg_copy(mpb_hostreg *dst, const mpb_hostreg *src);
void mpb_hostreg_free(mpb_hostreg *r);

/* The session an mpbox_call belongs to (for built-in host functions). */
struct mpbox_session *mpb_call_session(mpbox_call *call);
/* Charge `units` of fuel for a built-in host function's work (charged when
 * the call returns). 0, or -1 once the call's work exceeds the fuel the run
 * had left: stop working then, the run ends out_of_fuel. */
int mpb_call_charge(mpbox_call *call, uint64_t units);
/* Non-zero when the run is being stopped (timeout, interrupt, output cap):
 * a built-in host function should give up its work. */
int mpb_call_stopping(mpbox_call *call);

/* sql.c: the built-in read_only_sql_query. */
int mpb_sql_fn(void *user, const char *args_json, size_t len, mpbox_call *call);
#define MPB_SQL_FN_NAME "read_only_sql_query"

#endif
