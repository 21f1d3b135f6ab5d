/*
 * embedded.h — the format of a tree of files compiled into the program by
 * tools/embed (build/gen/pylib.c, playground.c): lib/python and the
 * time-zone data, served read-only at /usr/lib/mpbox in every session
 * (host/vfs.c), and the playground page of `mpbox serve`
 * (server/playground.c). The generated sources include this header only.
 */
#ifndef MPB_UTIL_EMBEDDED_H
#define MPB_UTIL_EMBEDDED_H

#include <stddef.h>
#include <stdint.h>

/* One file or directory of an embedded tree; path is relative to its root
 * (for lib/python: MPB_VFS_LIB_ROOT, host/vfs.h). Entries are sorted by
 * path (strcmp). */
typedef struct mpb_vfs_lib_entry {
    const char *path;
    const uint8_t *data; /* files: len bytes (and a NUL); directories: NULL */
    uint32_t len;
    uint8_t is_dir;
} mpb_vfs_lib_entry;

typedef struct mpb_vfs_lib {
    const mpb_vfs_lib_entry *entries;
    uint32_t count;
    /* A 64-bit digest of every entry's path, kind and bytes, computed by
     * tools/embed at build time: the start-up image's fingerprint
     * (core/image.c) covers the library through it without reading the
     * library at every start. */
    uint64_t digest;
} mpb_vfs_lib;

#endif /* MPB_UTIL_EMBEDDED_H */
