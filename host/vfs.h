/*
 * vfs.h — the file system one session's guest sees.
 *
 * A writable in-memory scratch tree (directories and regular files, no
 * symlinks) bounded by MPBOX_LIMIT_FILES_BYTES / FILES_COUNT, an open-file
 * table (descriptors 3 .. 3 + MPB_VFS_MAX_FDS - 1) and read-only mounts of
 * host directories, resolved by the kernel with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_MAGICLINKS) below a directory descriptor opened at mount time.
 *
 * Paths come from the guest and are normalised here (working directory,
 * ".", "..", "//", trailing slashes) before anything is looked up: ".." is
 * applied to the text, so no path ever leaves "/", and a mount only ever
 * receives a relative path without ".." components. Names are at most 255
 * bytes, paths 4095; control characters (bytes 1..31) are refused (EINVAL).
 *
 * Errors are -errno in Linux numbering. Writes below a mount are EACCES
 * (the guest's errno module cannot name EROFS), a full quota is ENOSPC.
 *
 * Rollback: mpb_vfs_arm() before a run makes the first change of the run
 * save the state first (lazily: a run that changes nothing saves nothing).
 * Two levels: the descriptor table and working directory (saved by copying
 * the table) and the tree (saved by cloning the node metadata; file contents
 * are shared, reference-counted, and copied only when written). Then
 * mpb_vfs_rollback() or mpb_vfs_commit().
 *
 * The embedded library: constant files compiled into the library (made
 * from lib/python at build time by tools/embed.c) appear read-only at
 * MPB_VFS_LIB_ROOT in every session, unless a host mount covers that path.
 * They are shared by all sessions, outside the quotas, the checkpoints and
 * the snapshots; writes there are EACCES as below a mount. Only the root and
 * what lies below it exist: its parents (/usr, /usr/lib) are not made up.
 *
 * Callers: host/syscalls.c, host/wasi.c (the imports), core/ (session
 * lifecycle, snapshots, the public file API).
 */
#ifndef MPB_VFS_H
#define MPB_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "embedded.h"

#define MPB_VFS_PATH_MAX 4096 /* including the NUL */
#define MPB_VFS_NAME_MAX 255
#define MPB_VFS_FIRST_FD 3
#define MPB_VFS_MAX_FDS 256
#define MPB_VFS_MAX_MOUNTS 16

#define MPB_VFS_LIB_ROOT "/usr/lib/mpbox"

/* Generated (build/gen/pylib.c). */
extern const mpb_vfs_lib mpb_vfs_embedded;
/* The embedded library's file at `rel` (relative to its root), or NULL. */
const mpb_vfs_lib_entry *mpb_vfs_lib_file(const char *rel);

typedef struct vfs_node vfs_node;
typedef struct vfs_fd vfs_fd;

typedef struct vfs_tree {
    vfs_node *root;     /* NULL: an empty root, created on first use */
    uint64_t bytes;     /* file data counted against the quota */
    uint64_t count;     /* files and directories (the root excluded) */
    uint64_t next_ino;
} vfs_tree;

typedef struct vfs_handles {
    vfs_fd *fds;        /* fds[i] is descriptor MPB_VFS_FIRST_FD + i */
    uint32_t cap, hi;   /* allocated entries; entries at or past hi are free */
    char *cwd;          /* NULL means "/" */
} vfs_handles;

typedef struct mpb_vfs_mount {
    char *path;         /* normalised absolute guest path, not "/" */
    size_t len;
    int fd;             /* O_PATH | O_DIRECTORY descriptor of the host directory */
} mpb_vfs_mnt;

typedef struct mpb_vfs {
    vfs_tree tree, saved_tree;
    vfs_handles live, saved;
    int armed, tree_saved, handles_saved;
    uint64_t gen;                  /* clone generation (node mapping) */
    const int64_t *limits;         /* the session's limits (mpbox.h ids) */
    int64_t now;                   /* seconds, for modification times */
    mpb_vfs_mnt mounts[MPB_VFS_MAX_MOUNTS];
    uint32_t nmounts;
    /* Fuel units of work done beyond the bytes the guest asked to move
     * (private copies of shared file contents, zero fill, nodes cloned for
     * the checkpoint), charged and reset by the import that caused it. */
    uint64_t work;
} mpb_vfs;

/* What stat reports. */
typedef struct mpb_vfs_stat {
    uint32_t mode, nlink;
    uint64_t size, ino;
    int64_t mtime;
} mpb_vfs_st;

typedef struct mpb_vfs_statfs {
    uint64_t blocks, bfree, files, ffree; /* 4096-byte blocks */
    int readonly;
} mpb_vfs_fsinfo;

/* A piece of a gathered write (already checked against guest memory). */
typedef struct mpb_vfs_iov {
    const void *data;
    size_t len;
} mpb_vfs_iov;

/* ---- the guest's calls ------------------------------------------------ */
int mpb_vfs_open(mpb_vfs *v, const char *path, uint32_t flags);           /* fd or -errno */
int mpb_vfs_stat(mpb_vfs *v, const char *path, mpb_vfs_st *st);
int mpb_vfs_fstat(mpb_vfs *v, uint32_t fd, mpb_vfs_st *st);
int mpb_vfs_mkdir(mpb_vfs *v, const char *path);
int mpb_vfs_unlink(mpb_vfs *v, const char *path, int rmdir);
int mpb_vfs_rename(mpb_vfs *v, const char *from, const char *to);
int mpb_vfs_chdir(mpb_vfs *v, const char *path);
const char *mpb_vfs_cwd(const mpb_vfs *v);
int mpb_vfs_statfs(mpb_vfs *v, const char *path, mpb_vfs_fsinfo *out);
/* 0 not open, 1 a file, 2 a directory handle. */
int mpb_vfs_fd_kind(const mpb_vfs *v, uint32_t fd);
/* Read into dst (host memory that is guest memory already checked) at the
 * descriptor's position: bytes read, 0 at the end, or -errno. */
int64_t mpb_vfs_read(mpb_vfs *v, uint32_t fd, void *dst, size_t len);
/* Write all pieces or nothing (quota): bytes written or -errno. */
int64_t mpb_vfs_write(mpb_vfs *v, uint32_t fd, const mpb_vfs_iov *iov, uint32_t n);
int mpb_vfs_seek(mpb_vfs *v, uint32_t fd, int64_t off, uint32_t whence, uint64_t *pos);
int mpb_vfs_close(mpb_vfs *v, uint32_t fd);
/* dirent64 records into buf (at most cap bytes): bytes, 0 at the end, or
 * -EINVAL when not even one record fits. */
int mpb_vfs_getdents(mpb_vfs *v, uint32_t fd, uint8_t *buf, size_t cap);

/* ---- the embedder's calls --------------------------------------------- */
int mpb_vfs_put(mpb_vfs *v, const char *path, const void *data, size_t len);
int mpb_vfs_get(mpb_vfs *v, const char *path, void **data, size_t *len);
/* Calls fn for every regular file of the scratch tree (depth first, names
 * sorted); returns the number of files or -errno. */
int mpb_vfs_list(mpb_vfs *v, void (*fn)(void *user, const char *path, size_t size), void *user);
int mpb_vfs_mount(mpb_vfs *v, const char *host_dir, const char *guest_dir);

/* ---- lifecycle ---------------------------------------------------------- */
void mpb_vfs_arm(mpb_vfs *v);
void mpb_vfs_commit(mpb_vfs *v);
void mpb_vfs_rollback(mpb_vfs *v);
/* dst (empty) becomes a copy of src, mounts included (descriptors dup'd).
 * Returns 0 or -ENOMEM (dst is then left empty). */
int mpb_vfs_copy(mpb_vfs *dst, const mpb_vfs *src);
void mpb_vfs_free(mpb_vfs *v);
/* Snapshot section: mpb_vfs_save writes exactly mpb_vfs_save_size bytes.
 * Mounts and descriptors of host files or directories are not saved. */
size_t mpb_vfs_save_size(const mpb_vfs *v);
void mpb_vfs_save(const mpb_vfs *v, uint8_t *out);
/* Replace v's (empty) state with a saved section of exactly len bytes;
 * untrusted input: more than max_bytes of file data or max_count files
 * and directories is refused before it is allocated. Returns 0, or -1 with
 * *why set (v left empty). */
int mpb_vfs_load(mpb_vfs *v, const uint8_t *data, size_t len, uint64_t max_bytes, uint64_t max_count,
                 const char **why);

#endif
