/*
 * tokens.h — the bearer tokens of `mpbox serve` and the owners they stand
 * for.
 *
 * The server keeps no token, only its SHA-256: a request's token is hashed
 * and compared with the known hashes in constant time. An owner (whom a
 * session belongs to) is identified by its token's hash, its key, which is
 * what snapshots in the state directory record (never the token). Owners are
 * numbered in the order the server first sees them (tokens at start, keys of
 * sessions found in the state directory, tokens added by a reload); number 0
 * is the anonymous owner of a server without tokens. A number never changes
 * meaning while the server runs: a reload that drops a token leaves that
 * owner's sessions in place, unreachable until the token comes back or they
 * expire.
 *
 * Two sets: client tokens (--token, --token-file) and metrics tokens
 * (--metrics-token-file), which open /metrics and nothing else. SIGHUP
 * reloads both files (tok_load). Thread-safe.
 */
#ifndef MPBOX_SERVER_TOKENS_H
#define MPBOX_SERVER_TOKENS_H

#include <stddef.h>

#define TOK_MIN_LEN 16
#define TOK_MAX_LEN 512
#define TOK_MAX_OWNERS 4096 /* owner numbers over a server's life */
#define TOK_KEY_HEX 64      /* hex SHA-256 */
#define TOK_ANONYMOUS "anonymous" /* key of owner 0 */

struct srv_tokens;

int tok_new(struct srv_tokens **out);
void tok_free(struct srv_tokens *t);

/* 1 if t is a valid token: TOK_MIN_LEN to TOK_MAX_LEN visible ASCII
 * characters. */
int tok_valid(const char *t);

/* Set the client tokens to `fixed` (the command line's) plus those of
 * `file`, and the metrics tokens to those of `metrics_file` (either file
 * may be NULL). Files hold one token a line; blank lines and # comments are
 * ignored. All or nothing: on failure the sets stay as they were and err
 * says why (unreadable file, a bad token, a file without tokens, too many
 * owners). 0 or -1. */
int tok_load(struct srv_tokens *t, const char *const *fixed, int nfixed, const char *file,
             const char *metrics_file, char *err, size_t errcap);

/* The client tokens now known, and the metrics tokens. */
int tok_client_count(struct srv_tokens *t);
int tok_metrics_count(struct srv_tokens *t);

/* The owner number of the client token in an "Authorization: Bearer TOKEN"
 * header, or -1. */
int tok_client(struct srv_tokens *t, const char *authorization);
/* 1 if the header carries a metrics token. */
int tok_metrics(struct srv_tokens *t, const char *authorization);

/* The key of an owner number (TOK_ANONYMOUS for 0); "" when unknown. */
void tok_owner_key(struct srv_tokens *t, int owner, char out[TOK_KEY_HEX + 1]);
/* The owner number of a key (registered when new); -1 when the key is not
 * TOK_ANONYMOUS or 64 lowercase hex digits, or the table is full. */
int tok_owner_of_key(struct srv_tokens *t, const char *key);

#endif /* MPBOX_SERVER_TOKENS_H */
