/*
 * embed.c — build-time generator: turns every file below a directory (the
 * compatibility library, lib/python) into a C source that defines
 * mpb_vfs_embedded (format: util/embedded.h): the files' bytes as constant
 * arrays and a table of entries (files and the directories that hold them) sorted by
 * path with strcmp, so that the library can look them up by binary search.
 *
 *   embed [-s SYMBOL] OUT.c DIR [DIR=PREFIX ...]
 *
 * -s names the table SYMBOL instead of mpb_vfs_embedded: the same format
 * serves other embedded files (the page of `mpbox serve --playground`,
 * web/playground, as srv_playground_files).
 * A DIR=PREFIX argument puts DIR's files below PREFIX/ (the time-zone data
 * of Debian's tzdata, staged by the Makefile, goes to tzdata/). Files with
 * the same bytes share one array (the tz data has many links). Hidden
 * files (a name starting with "."), __pycache__ directories and *.pyc
 * files are left out. Names must be made of letters, digits and "_-.+"
 * ("Etc/GMT+1"): anything else (spaces, control characters, non-ASCII)
 * stops the build rather than reaching the guest. OUT.c is written under a
 * temporary name and renamed, so that a failed run leaves no half-written
 * source.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ENTRIES 10000
#define MAX_PATH 1024
#define MAX_FILE (16u << 20)

typedef struct entry {
    char *path; /* in the library: PREFIX/ + the path relative to DIR */
    char *source; /* the file on the build machine (NULL for a directory) */
    int is_dir;
} entry;

static entry entries[MAX_ENTRIES];
static size_t nentries;

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "embed: %s: %s\n", path, what);
    return -1;
}

static int name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.' || c == '+'))
            return 0;
    }
    return 1;
}

static int skipped(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strcmp(name, "__pycache__") == 0 || (n > 4 && strcmp(name + n - 4, ".pyc") == 0);
}

static int add(const char *path, const char *source, int is_dir)
{
    if (nentries >= MAX_ENTRIES)
        return fail("too many files", path);
    entries[nentries].path = strdup(path);
    entries[nentries].source = source ? strdup(source) : NULL;
    entries[nentries].is_dir = is_dir;
    if (!entries[nentries].path || (source && !entries[nentries].source))
        return fail("out of memory", path);
    nentries++;
    return 0;
}

/* Walk root/rel ("" for root itself), adding what lies below under
 * prefix ("" for none). */
static int walk(const char *root, const char *rel, const char *prefix)
{
    char dir[MAX_PATH];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (!d)
        return fail(strerror(errno), dir);
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (skipped(de->d_name))
            continue;
        if (!name_ok(de->d_name)) {
            rc = fail("name not allowed (letters, digits, _-.+ only)", de->d_name);
            break;
        }
        char sub[MAX_PATH], full[MAX_PATH], path[MAX_PATH];
        if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name) >= sizeof sub ||
            (size_t)snprintf(full, sizeof full, "%s/%s", root, sub) >= sizeof full ||
            (size_t)snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "/" : "", sub) >= sizeof path) {
            rc = fail("path too long", de->d_name);
            break;
        }
        struct stat st;
        if (stat(full, &st) != 0) {
            rc = fail(strerror(errno), full);
        } else if (S_ISDIR(st.st_mode)) {
            rc = add(path, NULL, 1);
            if (rc == 0)
                rc = walk(root, sub, prefix);
        } else if (S_ISREG(st.st_mode)) {
            if (st.st_size > (off_t)MAX_FILE)
                rc = fail("file too large", full);
            else
                rc = add(path, full, 0);
        } /* anything else (sockets, FIFOs) is not library content */
    }
    closedir(d);
    return rc;
}

/* The directories of a prefix ("a/b" adds "a" and "a/b"). */
static int add_prefix_dirs(const char *prefix)
{
    char path[MAX_PATH];
    size_t n = strlen(prefix);
    if (n >= sizeof path)
        return fail("prefix too long", prefix);
    for (size_t i = 1; i <= n; i++) {
        if (prefix[i] == '/' || prefix[i] == '\0') {
            memcpy(path, prefix, i);
            path[i] = '\0';
            if (add(path, NULL, 1) != 0)
                return -1;
        }
    }
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static int read_all(const char *path, unsigned char **data, long *len)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return fail(strerror(errno), path);
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    int c;
    while (buf && (c = fgetc(in)) != EOF) {
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        buf[n++] = (unsigned char)c;
    }
    int bad = !buf || ferror(in) || n > MAX_FILE;
    fclose(in);
    if (bad) {
        free(buf);
        return fail("read error, out of memory or file grew", path);
    }
    *data = buf;
    *len = (long)n;
    return 0;
}

/* FNV-1a, 64 bits: the library's digest (host/vfs.h), over every entry's
 * path and NUL, kind, and bytes, in path order. */
static uint64_t digest_add(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

/* Write the bytes of one file as an array named f<index>, unless an
 * earlier file had the same bytes (then same[index] is the index of the
 * one whose array it shares); a NUL is appended so that an empty file
 * still makes a valid array. */
static int write_file(FILE *out, size_t index, unsigned char **data, long *lens, size_t *same)
{
    if (read_all(entries[index].source, &data[index], &lens[index]) != 0)
        return -1;
    for (size_t j = 0; j < index; j++) {
        if (!entries[j].is_dir && same[j] == (size_t)-1 && lens[j] == lens[index] &&
            memcmp(data[j], data[index], (size_t)lens[j]) == 0) {
            same[index] = j;
            return 0;
        }
    }
    fprintf(out, "static const uint8_t f%zu[] = {", index);
    for (long i = 0; i < lens[index]; i++)
        fprintf(out, "%s%d,", i % 24 == 0 ? "\n    " : "", data[index][i]);
    fprintf(out, "%s0};\n", lens[index] % 24 == 0 ? "\n    " : "");
    return 0;
}

int main(int argc, char **argv)
{
    const char *symbol = "mpb_vfs_embedded";
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-s") == 0) {
        symbol = argv[2];
        first = 3;
    }
    if (argc < first + 2) {
        fprintf(stderr, "usage: embed [-s SYMBOL] OUT.c DIR [DIR=PREFIX ...]\n");
        return 2;
    }
    const char *outpath = argv[first];
    for (int a = first + 1; a < argc; a++) {
        char root[MAX_PATH];
        const char *eq = strchr(argv[a], '=');
        const char *prefix = eq ? eq + 1 : "";
        size_t rootlen = eq ? (size_t)(eq - argv[a]) : strlen(argv[a]);
        if (rootlen >= sizeof root) {
            fail("path too long", argv[a]);
            return 1;
        }
        memcpy(root, argv[a], rootlen);
        root[rootlen] = '\0';
        if ((*prefix && add_prefix_dirs(prefix) != 0) || walk(root, "", prefix) != 0)
            return 1;
    }
    qsort(entries, nentries, sizeof *entries, by_path);
    for (size_t i = 1; i < nentries; i++) {
        if (strcmp(entries[i - 1].path, entries[i].path) == 0) {
            fail("two sources give the same path", entries[i].path);
            return 1;
        }
    }

    char tmp[MAX_PATH];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", outpath) >= sizeof tmp) {
        fail("path too long", outpath);
        return 1;
    }
    FILE *out = fopen(tmp, "w");
    if (!out) {
        fail(strerror(errno), tmp);
        return 1;
    }
    fprintf(out, "/* Generated by tools/embed.c: do not edit. */\n#include \"embedded.h\"\n\n");
    size_t n = nentries ? nentries : 1;
    long *lens = calloc(n, sizeof *lens);
    size_t *same = malloc(n * sizeof *same);
    unsigned char **data = calloc(n, sizeof *data);
    int rc = lens && same && data ? 0 : fail("out of memory", outpath);
    for (size_t i = 0; rc == 0 && i < nentries; i++) {
        same[i] = (size_t)-1;
        if (!entries[i].is_dir)
            rc = write_file(out, i, data, lens, same);
    }
    uint64_t digest = 0xcbf29ce484222325ull;
    for (size_t i = 0; rc == 0 && i < nentries; i++) {
        unsigned char kind = (unsigned char)entries[i].is_dir;
        digest = digest_add(digest, entries[i].path, strlen(entries[i].path) + 1);
        digest = digest_add(digest, &kind, 1);
        if (!entries[i].is_dir)
            digest = digest_add(digest, data[i], (size_t)lens[i]);
    }
    if (rc == 0) {
        fprintf(out, "\nstatic const mpb_vfs_lib_entry entries[] = {\n");
        for (size_t i = 0; i < nentries; i++) {
            if (entries[i].is_dir)
                fprintf(out, "    {\"%s\", NULL, 0, 1},\n", entries[i].path);
            else
                fprintf(out, "    {\"%s\", f%zu, %ld, 0},\n", entries[i].path,
                        same[i] == (size_t)-1 ? i : same[i], lens[i]);
        }
        if (nentries == 0)
            fprintf(out, "    {\"\", NULL, 0, 1},\n"); /* ISO C: no empty array; count stays 0 */
        fprintf(out, "};\n\nconst mpb_vfs_lib %s = {entries, %zu, 0x%016llxull};\n", symbol, nentries,
                (unsigned long long)digest);
    }
    for (size_t i = 0; data && i < nentries; i++)
        free(data[i]);
    free(data);
    free(same);
    free(lens);
    if (fclose(out) != 0 && rc == 0)
        rc = fail("write error", tmp);
    if (rc == 0 && rename(tmp, outpath) != 0)
        rc = fail(strerror(errno), outpath);
    if (rc != 0)
        remove(tmp);
    return rc == 0 ? 0 : 1;
}
