/*
 * embed.c — build-time generator: turns every file below a directory (the
 * compatibility library, lib/python) into a C source that defines
 * mpb_vfs_embedded (host/vfs.h): the files' bytes as constant arrays and a
 * table of entries (files and the directories that hold them) sorted by
 * path with strcmp, so that the library can look them up by binary search.
 *
 *   embed OUT.c DIR
 *
 * Hidden files (a name starting with "."), __pycache__ directories and
 * *.pyc files are left out. Names must be made of letters, digits and
 * "_-.": anything else (spaces, control characters, non-ASCII) stops the
 * build rather than reaching the guest. OUT.c is written under a temporary
 * name and renamed, so that a failed run leaves no half-written source.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_ENTRIES 10000
#define MAX_PATH 1024
#define MAX_FILE (16u << 20)

typedef struct entry {
    char *path; /* relative to DIR */
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
              c == '.'))
            return 0;
    }
    return 1;
}

static int skipped(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strcmp(name, "__pycache__") == 0 || (n > 4 && strcmp(name + n - 4, ".pyc") == 0);
}

static int add(const char *rel, int is_dir)
{
    if (nentries >= MAX_ENTRIES)
        return fail("too many files", rel);
    entries[nentries].path = strdup(rel);
    entries[nentries].is_dir = is_dir;
    if (!entries[nentries].path)
        return fail("out of memory", rel);
    nentries++;
    return 0;
}

/* Walk root/rel ("" for root itself), adding what lies below. */
static int walk(const char *root, const char *rel)
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
            rc = fail("name not allowed (letters, digits, _-. only)", de->d_name);
            break;
        }
        char sub[MAX_PATH], full[MAX_PATH];
        if ((size_t)snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name) >= sizeof sub ||
            (size_t)snprintf(full, sizeof full, "%s/%s", root, sub) >= sizeof full) {
            rc = fail("path too long", de->d_name);
            break;
        }
        struct stat st;
        if (stat(full, &st) != 0) {
            rc = fail(strerror(errno), full);
        } else if (S_ISDIR(st.st_mode)) {
            rc = add(sub, 1);
            if (rc == 0)
                rc = walk(root, sub);
        } else if (S_ISREG(st.st_mode)) {
            if (st.st_size > (off_t)MAX_FILE)
                rc = fail("file too large", full);
            else
                rc = add(sub, 0);
        } /* anything else (sockets, FIFOs) is not library content */
    }
    closedir(d);
    return rc;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

/* Write the bytes of one file as an array named f<index>; a NUL is
 * appended so that an empty file still makes a valid array. */
static int write_file(FILE *out, const char *root, size_t index, long *len)
{
    char full[MAX_PATH];
    snprintf(full, sizeof full, "%s/%s", root, entries[index].path);
    FILE *in = fopen(full, "rb");
    if (!in)
        return fail(strerror(errno), full);
    fprintf(out, "static const uint8_t f%zu[] = {", index);
    long n = 0;
    int c;
    while ((c = fgetc(in)) != EOF) {
        fprintf(out, "%s%d,", n % 24 == 0 ? "\n    " : "", c);
        n++;
    }
    int bad = ferror(in) || n > (long)MAX_FILE;
    fclose(in);
    if (bad)
        return fail("read error or file grew", full);
    fprintf(out, "%s0};\n", n % 24 == 0 ? "\n    " : "");
    *len = n;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: embed OUT.c DIR\n");
        return 2;
    }
    const char *outpath = argv[1], *root = argv[2];
    if (walk(root, "") != 0)
        return 1;
    qsort(entries, nentries, sizeof *entries, by_path);

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
    fprintf(out, "/* Generated by tools/embed.c from %s: do not edit. */\n#include \"vfs.h\"\n\n", root);
    long *lens = calloc(nentries ? nentries : 1, sizeof *lens);
    int rc = lens ? 0 : fail("out of memory", root);
    for (size_t i = 0; rc == 0 && i < nentries; i++)
        if (!entries[i].is_dir)
            rc = write_file(out, root, i, &lens[i]);
    if (rc == 0) {
        fprintf(out, "\nstatic const mpb_vfs_lib_entry entries[] = {\n");
        for (size_t i = 0; i < nentries; i++) {
            if (entries[i].is_dir)
                fprintf(out, "    {\"%s\", NULL, 0, 1},\n", entries[i].path);
            else
                fprintf(out, "    {\"%s\", f%zu, %ld, 0},\n", entries[i].path, i, lens[i]);
        }
        if (nentries == 0)
            fprintf(out, "    {\"\", NULL, 0, 1},\n"); /* ISO C: no empty array; count stays 0 */
        fprintf(out, "};\n\nconst mpb_vfs_lib mpb_vfs_embedded = {entries, %zu};\n", nentries);
    }
    free(lens);
    if (fclose(out) != 0 && rc == 0)
        rc = fail("write error", tmp);
    if (rc == 0 && rename(tmp, outpath) != 0)
        rc = fail(strerror(errno), outpath);
    if (rc != 0)
        remove(tmp);
    return rc == 0 ? 0 : 1;
}
