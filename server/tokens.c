/*
 * tokens.c — bearer tokens as SHA-256 hashes, owner numbers, reloading
 * (tokens.h). The hashing is util/sha256.c, the library's own, so that
 * SHA-256 has one home.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "io.h"
#include "sha256.h"

struct srv_tokens {
    pthread_rwlock_t lock;
    uint8_t (*keys)[MPB_SHA256_LEN]; /* by owner number; keys[0]: anonymous */
    int nkeys;
    int *clients; /* owner numbers of the client tokens */
    int nclients;
    uint8_t (*metrics)[MPB_SHA256_LEN];
    int nmetrics;
};

int tok_new(struct srv_tokens **out)
{
    struct srv_tokens *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t || !(t->keys = calloc(TOK_MAX_OWNERS, sizeof *t->keys))) {
        free(t);
        return -1;
    }
    t->nkeys = 1;
    pthread_rwlock_init(&t->lock, NULL);
    *out = t;
    return 0;
}

void tok_free(struct srv_tokens *t)
{
    if (!t)
        return;
    pthread_rwlock_destroy(&t->lock);
    free(t->keys);
    free(t->clients);
    free(t->metrics);
    free(t);
}

int tok_valid(const char *t)
{
    size_t n = strlen(t);
    if (n < TOK_MIN_LEN || n > TOK_MAX_LEN)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] < 0x21 || t[i] > 0x7e)
            return 0;
    return 1;
}

/* Hashes of the tokens in a file, appended to *v (of *n). */
static int read_file(const char *path, uint8_t (**v)[MPB_SHA256_LEN], int *n, char *err, size_t errcap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct mpb_buf b = {0};
    if (fd < 0 || app_read_fd(fd, &b) < 0) {
        snprintf(err, errcap, "'%s': %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    int before = *n, rc = 0, lineno = 0;
    for (char *line = b.data, *next; line && *line && rc == 0; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (!tok_valid(line)) {
            snprintf(err, errcap, "'%s' line %d: a token must be %d to %d visible ASCII characters, without spaces",
                     path, lineno, TOK_MIN_LEN, TOK_MAX_LEN);
            rc = -1;
        } else if (*n >= TOK_MAX_OWNERS) {
            snprintf(err, errcap, "'%s': too many tokens", path);
            rc = -1;
        } else {
            uint8_t (*grown)[MPB_SHA256_LEN] = realloc(*v, (size_t)(*n + 1) * sizeof **v);
            if (!grown) {
                snprintf(err, errcap, "out of memory");
                rc = -1;
            } else {
                *v = grown;
                mpb_sha256(line, len, (*v)[(*n)++]);
            }
        }
    }
    if (b.data)
        explicit_bzero(b.data, b.len);
    mpb_buf_free(&b);
    if (rc == 0 && *n == before) {
        snprintf(err, errcap, "'%s': no token in the file", path);
        rc = -1;
    }
    return rc;
}

/* The owner number of a hash, registered when new (under the write lock);
 * -1 when the table is full. */
static int owner_of_hash(struct srv_tokens *t, const uint8_t h[MPB_SHA256_LEN])
{
    for (int i = 1; i < t->nkeys; i++)
        if (memcmp(t->keys[i], h, MPB_SHA256_LEN) == 0)
            return i;
    if (t->nkeys >= TOK_MAX_OWNERS)
        return -1;
    memcpy(t->keys[t->nkeys], h, MPB_SHA256_LEN);
    return t->nkeys++;
}

int tok_load(struct srv_tokens *t, const char *const *fixed, int nfixed, const char *file,
             const char *metrics_file, char *err, size_t errcap)
{
    uint8_t (*hashes)[MPB_SHA256_LEN] = NULL, (*metrics)[MPB_SHA256_LEN] = NULL;
    int n = 0, nm = 0, rc = -1;
    int *clients = NULL;
    if (nfixed > 0 && !(hashes = calloc((size_t)nfixed, sizeof *hashes))) {
        snprintf(err, errcap, "out of memory");
        goto out;
    }
    for (int i = 0; i < nfixed; i++) {
        if (!tok_valid(fixed[i])) {
            snprintf(err, errcap, "a token must be %d to %d visible ASCII characters, without spaces", TOK_MIN_LEN,
                     TOK_MAX_LEN);
            goto out;
        }
        mpb_sha256(fixed[i], strlen(fixed[i]), hashes[n++]);
    }
    if (file && read_file(file, &hashes, &n, err, errcap) < 0)
        goto out;
    if (metrics_file && read_file(metrics_file, &metrics, &nm, err, errcap) < 0)
        goto out;
    if (n > 0 && !(clients = calloc((size_t)n, sizeof *clients))) {
        snprintf(err, errcap, "out of memory");
        goto out;
    }
    pthread_rwlock_wrlock(&t->lock);
    int full = 0;
    for (int i = 0; i < n && !full; i++)
        full = (clients[i] = owner_of_hash(t, hashes[i])) < 0;
    if (full) {
        pthread_rwlock_unlock(&t->lock);
        snprintf(err, errcap, "more than %d different tokens over this server's life: restart it", TOK_MAX_OWNERS);
        goto out;
    }
    int *old_clients = t->clients;
    uint8_t (*old_metrics)[MPB_SHA256_LEN] = t->metrics;
    t->clients = clients;
    t->nclients = n;
    t->metrics = metrics;
    t->nmetrics = nm;
    pthread_rwlock_unlock(&t->lock);
    clients = old_clients;
    metrics = old_metrics;
    rc = 0;
out:
    free(hashes);
    free(metrics);
    free(clients);
    return rc;
}

int tok_client_count(struct srv_tokens *t)
{
    pthread_rwlock_rdlock(&t->lock);
    int n = t->nclients;
    pthread_rwlock_unlock(&t->lock);
    return n;
}

int tok_metrics_count(struct srv_tokens *t)
{
    pthread_rwlock_rdlock(&t->lock);
    int n = t->nmetrics;
    pthread_rwlock_unlock(&t->lock);
    return n;
}

/* The hash of the token in "Bearer TOKEN"; -1 when there is none. */
static int bearer_hash(const char *auth, uint8_t h[MPB_SHA256_LEN])
{
    if (!auth || strncasecmp(auth, "Bearer ", 7) != 0)
        return -1;
    const char *given = auth + 7;
    while (*given == ' ')
        given++;
    size_t n = strlen(given);
    if (n == 0 || n > TOK_MAX_LEN)
        return -1;
    mpb_sha256(given, n, h);
    return 0;
}

/* 1 when equal, in time that does not depend on where they differ. */
static int same_hash(const uint8_t *a, const uint8_t *b) { return mpb_equal_ct(a, b, MPB_SHA256_LEN); }

int tok_client(struct srv_tokens *t, const char *authorization)
{
    uint8_t h[MPB_SHA256_LEN];
    if (bearer_hash(authorization, h) < 0)
        return -1;
    int owner = -1;
    pthread_rwlock_rdlock(&t->lock);
    for (int i = 0; i < t->nclients; i++) {
        int match = -same_hash(t->keys[t->clients[i]], h); /* all ones when equal */
        owner = (owner & ~match) | (t->clients[i] & match);
    }
    pthread_rwlock_unlock(&t->lock);
    return owner;
}

int tok_metrics(struct srv_tokens *t, const char *authorization)
{
    uint8_t h[MPB_SHA256_LEN];
    if (bearer_hash(authorization, h) < 0)
        return 0;
    int found = 0;
    pthread_rwlock_rdlock(&t->lock);
    for (int i = 0; i < t->nmetrics; i++)
        found |= same_hash(t->metrics[i], h);
    pthread_rwlock_unlock(&t->lock);
    return found;
}

void tok_owner_key(struct srv_tokens *t, int owner, char out[TOK_KEY_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    out[0] = '\0';
    if (owner == 0) {
        snprintf(out, TOK_KEY_HEX + 1, "%s", TOK_ANONYMOUS);
        return;
    }
    pthread_rwlock_rdlock(&t->lock);
    if (owner > 0 && owner < t->nkeys) {
        for (int i = 0; i < MPB_SHA256_LEN; i++) {
            out[2 * i] = hex[t->keys[owner][i] >> 4];
            out[2 * i + 1] = hex[t->keys[owner][i] & 15];
        }
        out[TOK_KEY_HEX] = '\0';
    }
    pthread_rwlock_unlock(&t->lock);
}

int tok_owner_of_key(struct srv_tokens *t, const char *key)
{
    if (strcmp(key, TOK_ANONYMOUS) == 0)
        return 0;
    if (strlen(key) != TOK_KEY_HEX)
        return -1;
    uint8_t h[MPB_SHA256_LEN];
    for (int i = 0; i < TOK_KEY_HEX; i++) {
        char c = key[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        if (i % 2 == 0)
            h[i / 2] = (uint8_t)(v << 4);
        else
            h[i / 2] |= (uint8_t)v;
    }
    pthread_rwlock_wrlock(&t->lock);
    int owner = owner_of_hash(t, h);
    pthread_rwlock_unlock(&t->lock);
    return owner;
}
