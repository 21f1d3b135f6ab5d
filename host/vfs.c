/*
 * vfs.c — the session's file system: see vfs.h for the model.
 *
 * Layout: nodes form a tree from the root; a directory keeps its children
 * in an array sorted by name. A node's reference count counts its link in
 * the tree plus every descriptor (live or saved) naming it, so a removed
 * file stays readable through descriptors that are still open ("orphan").
 * File contents live in blobs shared between a node and its clones
 * (checkpoints, forks); a write to a shared blob copies it first. Quota
 * counters change only through operations on the live state: a file
 * removed while open keeps counting until its last live descriptor closes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mpbox.h"
#include "vfs.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

/* Guest open flags (Linux/musl values, octal). */
#define G_ACCMODE 03u
#define G_CREAT 0100u
#define G_EXCL 0200u
#define G_TRUNC 01000u
#define G_APPEND 02000u
#define G_DIRECTORY 0200000u

#define S_DIR_MODE (0040000u | 0755u)
#define S_REG_MODE (0100000u | 0644u)

#define MAX_LISTING 100000u /* entries read from one host directory */

typedef struct vfs_blob {
    _Atomic size_t refs; /* shared with clones in other sessions: atomic */
    size_t len, cap;
    uint8_t *data;
} vfs_blob;

struct vfs_node {
    uint32_t refs;       /* tree link + descriptors */
    uint32_t open_count; /* live descriptors */
    uint8_t is_dir, linked;
    uint64_t ino;
    int64_t mtime;
    char *name;
    vfs_node **kids; /* directories: sorted by name */
    uint32_t nkids, kcap;
    vfs_blob *blob;  /* files: NULL when empty */
    vfs_node *clone; /* valid when clone_gen is the current generation */
    uint64_t clone_gen;
    uint32_t index;  /* snapshot numbering */
};

typedef struct vfs_hostfile {
    int fd;
    uint32_t refs;
} vfs_hostfile;

typedef struct vfs_entry {
    uint64_t ino;
    uint8_t type; /* DT_* */
    char *name;
} vfs_entry;

typedef struct vfs_listing {
    uint32_t refs, n;
    vfs_entry *e;
} vfs_listing;

enum { FD_FREE, FD_FILE, FD_HOST, FD_DIR, FD_LIB };
enum { M_READ = 1, M_WRITE = 2, M_APPEND = 4 };

struct vfs_fd {
    uint8_t kind, mode;
    uint64_t pos;
    union {
        vfs_node *node;
        vfs_hostfile *hf;
        vfs_listing *dir;
        const mpb_vfs_lib_entry *lib; /* constant: nothing to count */
    } u;
};

/* ---- quotas --------------------------------------------------------------- */

static uint64_t max_bytes(const mpb_vfs *v)
{
    return v->limits ? (uint64_t)v->limits[MPBOX_LIMIT_FILES_BYTES] : 64u << 20;
}

static uint64_t max_count(const mpb_vfs *v)
{
    return v->limits ? (uint64_t)v->limits[MPBOX_LIMIT_FILES_COUNT] : 1000;
}

/* ---- blobs and nodes ------------------------------------------------------ */

static void blob_unref(vfs_blob *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
        free(b->data);
        free(b);
    }
}

static size_t file_size(const vfs_node *n)
{
    return n->blob ? n->blob->len : 0;
}

/* Fuel units per node cloned for a checkpoint or copied (host.h: about
 * what a malloc, a name copy and the bookkeeping cost). */
#define NODE_WORK 512u

/* Make n's blob private and able to hold `size` bytes (new bytes zero).
 * Returns 0 or -ENOMEM. Adds the bytes copied to make a shared blob
 * private to *work. */
static int blob_prepare_counted(vfs_node *n, size_t size, uint64_t *work)
{
    vfs_blob *b = n->blob;
    if (b && atomic_load(&b->refs) == 1 && b->cap >= size) {
        if (size > b->len)
            memset(b->data + b->len, 0, size - b->len);
        return 0;
    }
    size_t len = b ? b->len : 0;
    size_t cap = b && atomic_load(&b->refs) == 1 ? b->cap : 0;
    if (cap < size) {
        cap = cap ? cap : 64;
        while (cap < size)
            cap = cap > SIZE_MAX / 2 ? size : cap * 2;
    }
    if (b && atomic_load(&b->refs) == 1) {
        uint8_t *d = realloc(b->data, cap);
        if (!d)
            return -ENOMEM;
        b->data = d;
        b->cap = cap;
        if (size > len)
            memset(d + len, 0, size - len);
        return 0;
    }
    vfs_blob *nb = malloc(sizeof *nb);
    uint8_t *d = malloc(cap ? cap : 1);
    if (!nb || !d) {
        free(nb);
        free(d);
        return -ENOMEM;
    }
    atomic_init(&nb->refs, 1);
    nb->cap = cap;
    nb->len = len;
    nb->data = d;
    *work += len;
    if (len)
        memcpy(d, b->data, len);
    if (size > len)
        memset(d + len, 0, size - len);
    blob_unref(b);
    n->blob = nb;
    return 0;
}

static int blob_prepare(vfs_node *n, size_t size)
{
    uint64_t ignored = 0;
    return blob_prepare_counted(n, size, &ignored);
}

static vfs_node *node_new(const char *name, size_t nlen, int is_dir)
{
    vfs_node *n = calloc(1, sizeof *n);
    char *nm = malloc(nlen + 1);
    if (!n || !nm) {
        free(n);
        free(nm);
        return NULL;
    }
    memcpy(nm, name, nlen);
    nm[nlen] = 0;
    n->name = nm;
    n->is_dir = (uint8_t)is_dir;
    n->refs = 1;
    n->linked = 1;
    return n;
}

static void node_unref(vfs_node *n)
{
    if (!n || --n->refs > 0)
        return;
    for (uint32_t i = 0; i < n->nkids; i++)
        node_unref(n->kids[i]);
    free(n->kids);
    blob_unref(n->blob);
    free(n->name);
    free(n);
}

/* Binary search: index of `name` in dir, or -(insertion point) - 1. */
static int64_t dir_find(const vfs_node *d, const char *name, size_t nlen)
{
    int64_t lo = 0, hi = (int64_t)d->nkids - 1;
    while (lo <= hi) {
        int64_t mid = (lo + hi) / 2;
        const char *k = d->kids[mid]->name;
        size_t klen = strlen(k);
        int c = memcmp(k, name, klen < nlen ? klen : nlen);
        if (c == 0)
            c = klen < nlen ? -1 : klen > nlen ? 1 : 0;
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -lo - 1;
}

/* Insert n at the position dir_find gave (pos = -r - 1). */
static int dir_insert(vfs_node *d, uint32_t pos, vfs_node *n)
{
    if (d->nkids == d->kcap) {
        uint32_t cap = d->kcap ? d->kcap * 2 : 4;
        vfs_node **k = realloc(d->kids, sizeof *k * cap);
        if (!k)
            return -ENOMEM;
        d->kids = k;
        d->kcap = cap;
    }
    memmove(d->kids + pos + 1, d->kids + pos, sizeof *d->kids * (d->nkids - pos));
    d->kids[pos] = n;
    d->nkids++;
    return 0;
}

static void dir_remove(vfs_node *d, uint32_t pos)
{
    memmove(d->kids + pos, d->kids + pos + 1, sizeof *d->kids * (d->nkids - pos - 1));
    d->nkids--;
}

static int ensure_root(vfs_tree *t)
{
    if (t->root)
        return 0;
    t->root = node_new("", 0, 1);
    if (!t->root)
        return -ENOMEM;
    t->root->ino = 1;
    if (t->next_ino < 2)
        t->next_ino = 2;
    return 0;
}

/* ---- cloning ---------------------------------------------------------------- */

/* A copy of n (and of its subtree) sharing file contents; n->clone set. */
static vfs_node *clone_node(const vfs_node *n, uint64_t gen)
{
    vfs_node *c = node_new(n->name, strlen(n->name), n->is_dir);
    if (!c)
        return NULL;
    c->ino = n->ino;
    c->mtime = n->mtime;
    c->linked = n->linked;
    c->open_count = n->open_count;
    if (n->blob) {
        atomic_fetch_add(&n->blob->refs, 1);
        c->blob = n->blob;
    }
    if (n->nkids) {
        c->kids = malloc(sizeof *c->kids * n->nkids);
        if (!c->kids) {
            node_unref(c);
            return NULL;
        }
        c->kcap = n->nkids;
        for (uint32_t i = 0; i < n->nkids; i++) {
            vfs_node *k = clone_node(n->kids[i], gen);
            if (!k) {
                node_unref(c);
                return NULL;
            }
            c->kids[c->nkids++] = k;
        }
    }
    ((vfs_node *)n)->clone = c;
    ((vfs_node *)n)->clone_gen = gen;
    return c;
}

/* The clone of n made in generation gen, or a new standalone clone (an
 * orphan). The result carries a reference for the caller. */
static vfs_node *clone_of(vfs_node *n, uint64_t gen)
{
    if (n->clone_gen == gen && n->clone) {
        n->clone->refs++;
        return n->clone;
    }
    vfs_node *c = clone_node(n, gen);
    return c; /* refs 1: the caller's */
}

/* ---- descriptor tables ----------------------------------------------------- */

static void fd_release(vfs_fd *f)
{
    switch (f->kind) {
    case FD_FILE:
        node_unref(f->u.node);
        break;
    case FD_HOST:
        if (--f->u.hf->refs == 0) {
            close(f->u.hf->fd);
            free(f->u.hf);
        }
        break;
    case FD_DIR:
        if (--f->u.dir->refs == 0) {
            for (uint32_t i = 0; i < f->u.dir->n; i++)
                free(f->u.dir->e[i].name);
            free(f->u.dir->e);
            free(f->u.dir);
        }
        break;
    default:
        break;
    }
    f->kind = FD_FREE;
}

static void handles_release(vfs_handles *h)
{
    for (uint32_t i = 0; i < h->hi; i++)
        fd_release(&h->fds[i]);
    free(h->fds);
    free(h->cwd);
    memset(h, 0, sizeof *h);
}

/* A copy of h sharing what the entries name (references taken). */
static int handles_dup(vfs_handles *dst, const vfs_handles *h)
{
    memset(dst, 0, sizeof *dst);
    if (h->cwd && !(dst->cwd = strdup(h->cwd)))
        return -ENOMEM;
    if (h->hi) {
        dst->fds = malloc(sizeof *dst->fds * h->hi);
        if (!dst->fds) {
            free(dst->cwd);
            dst->cwd = NULL;
            return -ENOMEM;
        }
        memcpy(dst->fds, h->fds, sizeof *dst->fds * h->hi);
        dst->cap = dst->hi = h->hi;
        for (uint32_t i = 0; i < h->hi; i++) {
            vfs_fd *f = &dst->fds[i];
            if (f->kind == FD_FILE)
                f->u.node->refs++;
            else if (f->kind == FD_HOST)
                f->u.hf->refs++;
            else if (f->kind == FD_DIR)
                f->u.dir->refs++;
        }
    }
    return 0;
}

static vfs_fd *fd_get(const mpb_vfs *v, uint32_t fd)
{
    if (fd < MPB_VFS_FIRST_FD || fd - MPB_VFS_FIRST_FD >= v->live.hi)
        return NULL;
    vfs_fd *f = &v->live.fds[fd - MPB_VFS_FIRST_FD];
    return f->kind == FD_FREE ? NULL : f;
}

/* A free slot (its index), or -EMFILE / -ENOMEM. */
static int fd_slot(vfs_handles *h)
{
    for (uint32_t i = 0; i < h->hi; i++)
        if (h->fds[i].kind == FD_FREE)
            return (int)i;
    if (h->hi >= MPB_VFS_MAX_FDS)
        return -EMFILE;
    if (h->hi == h->cap) {
        uint32_t cap = h->cap ? h->cap * 2 : 8;
        if (cap > MPB_VFS_MAX_FDS)
            cap = MPB_VFS_MAX_FDS;
        vfs_fd *f = realloc(h->fds, sizeof *f * cap);
        if (!f)
            return -ENOMEM;
        h->fds = f;
        h->cap = cap;
    }
    h->fds[h->hi].kind = FD_FREE;
    return (int)h->hi++;
}

/* ---- lazy checkpoints --------------------------------------------------- */

/* Before the first change to descriptors or the working directory. */
static int touch_handles(mpb_vfs *v)
{
    if (!v->armed || v->handles_saved)
        return 0;
    if (handles_dup(&v->saved, &v->live) != 0)
        return -ENOMEM;
    v->handles_saved = 1;
    return 0;
}

/* Before the first change to the tree or the quota counters: the live tree
 * becomes a clone (the original is kept as the checkpoint) and the live
 * descriptors are moved onto the clone's nodes. Node pointers looked up
 * before this call are stale afterwards. */
static int touch_tree(mpb_vfs *v)
{
    int rc = ensure_root(&v->tree);
    if (rc != 0 || !v->armed || v->tree_saved)
        return rc;
    if ((rc = touch_handles(v)) != 0)
        return rc;
    uint64_t gen = ++v->gen;
    vfs_node *root = clone_node(v->tree.root, gen);
    if (!root)
        return -ENOMEM;
    vfs_node **moved = NULL;
    if (v->live.hi && !(moved = calloc(v->live.hi, sizeof *moved))) {
        node_unref(root);
        return -ENOMEM;
    }
    for (uint32_t i = 0; i < v->live.hi; i++) {
        vfs_fd *f = &v->live.fds[i];
        if (f->kind == FD_FILE && !(moved[i] = clone_of(f->u.node, gen))) {
            for (uint32_t k = 0; k < i; k++)
                node_unref(moved[k]);
            free(moved);
            node_unref(root);
            return -ENOMEM;
        }
    }
    for (uint32_t i = 0; i < v->live.hi; i++) {
        vfs_fd *f = &v->live.fds[i];
        if (f->kind == FD_FILE) {
            node_unref(f->u.node);
            f->u.node = moved[i];
        }
    }
    free(moved);
    v->saved_tree = v->tree;
    v->tree.root = root;
    v->tree_saved = 1;
    v->work += NODE_WORK * (v->tree.count + 1); /* every node was cloned */
    return 0;
}

void mpb_vfs_arm(mpb_vfs *v)
{
    mpb_vfs_commit(v);
    v->armed = 1;
}

void mpb_vfs_commit(mpb_vfs *v)
{
    if (v->tree_saved)
        node_unref(v->saved_tree.root);
    if (v->handles_saved)
        handles_release(&v->saved);
    memset(&v->saved_tree, 0, sizeof v->saved_tree);
    v->tree_saved = v->handles_saved = v->armed = 0;
}

static void zero_open_counts(vfs_node *n)
{
    n->open_count = 0;
    for (uint32_t i = 0; i < n->nkids; i++)
        zero_open_counts(n->kids[i]);
}

void mpb_vfs_rollback(mpb_vfs *v)
{
    if (v->tree_saved) {
        node_unref(v->tree.root);
        v->tree = v->saved_tree;
        memset(&v->saved_tree, 0, sizeof v->saved_tree);
        v->tree_saved = 0;
    }
    if (v->handles_saved) {
        handles_release(&v->live);
        v->live = v->saved;
        memset(&v->saved, 0, sizeof v->saved);
        v->handles_saved = 0;
        /* the run may have opened and closed descriptors of these nodes */
        if (v->tree.root)
            zero_open_counts(v->tree.root);
        for (uint32_t i = 0; i < v->live.hi; i++)
            if (v->live.fds[i].kind == FD_FILE)
                v->live.fds[i].u.node->open_count = 0;
        for (uint32_t i = 0; i < v->live.hi; i++)
            if (v->live.fds[i].kind == FD_FILE)
                v->live.fds[i].u.node->open_count++;
    }
    v->armed = 0;
}

/* ---- paths ------------------------------------------------------------------ */

/* A relative path of up to 4095 bytes is accepted after a working
 * directory of up to 4095 (as Linux does); paths that long can only be
 * looked up (and are not found): whatever is made or kept (nodes, the
 * working directory) has a path shorter than MPB_VFS_PATH_MAX. */
#define NORM_MAX (2 * MPB_VFS_PATH_MAX)

typedef struct vpath {
    char s[NORM_MAX];         /* normalised absolute path; "/" for the root */
    size_t len;
    int must_dir;             /* ends in "/", "." or "..": must name a directory */
    int mount;                /* index into v->mounts, or -1 */
    int lib;                  /* in the embedded library (and under no mount) */
    const char *rel;          /* mounts, library: the path below its root, or "." */
} vpath;

const char *mpb_vfs_cwd(const mpb_vfs *v)
{
    return v->live.cwd ? v->live.cwd : "/";
}

static int find_mount(const mpb_vfs *v, vpath *p)
{
    int best = -1;
    size_t best_len = 0;
    for (uint32_t i = 0; i < v->nmounts; i++) {
        const mpb_vfs_mnt *m = &v->mounts[i];
        if (p->len >= m->len && memcmp(p->s, m->path, m->len) == 0 && (p->s[m->len] == 0 || p->s[m->len] == '/') &&
            m->len > best_len) {
            best = (int)i;
            best_len = m->len;
        }
    }
    p->mount = best;
    if (best >= 0)
        p->rel = p->s[best_len] ? p->s + best_len + 1 : ".";
    size_t ll = sizeof MPB_VFS_LIB_ROOT - 1;
    p->lib = best < 0 && p->len >= ll && memcmp(p->s, MPB_VFS_LIB_ROOT, ll) == 0 && (p->s[ll] == 0 || p->s[ll] == '/');
    if (p->lib)
        p->rel = p->s[ll] ? p->s + ll + 1 : ".";
    return best;
}

/* Skip the slashes at *c and return the length of the path component
 * that starts there (0 at the end of the path). */
static size_t next_name(const char **c)
{
    while (**c == '/')
        (*c)++;
    const char *e = strchr(*c, '/');
    return e ? (size_t)(e - *c) : strlen(*c);
}

/* Normalise raw (relative to cwd) into p. Returns 0 or -errno. */
static int resolve_with(const mpb_vfs *v, const char *cwd, const char *raw, vpath *p)
{
    size_t rlen = strlen(raw);
    if (rlen == 0)
        return -ENOENT;
    if (rlen >= MPB_VFS_PATH_MAX)
        return -ENAMETOOLONG;
    for (size_t i = 0; i < rlen; i++)
        if ((unsigned char)raw[i] < 0x20)
            return -EINVAL;
    p->len = 0;
    p->mount = -1;
    p->lib = 0;
    p->rel = NULL;
    if (raw[0] != '/') {
        size_t clen = strlen(cwd);
        if (clen > 1) {
            memcpy(p->s, cwd, clen);
            p->len = clen;
        }
    }
    const char *c = raw, *last = raw;
    size_t last_len = 0;
    for (size_t n; (n = next_name(&c)) != 0;) {
        last = c;
        last_len = n;
        if (n == 1 && c[0] == '.') {
            /* nothing */
        } else if (n == 2 && c[0] == '.' && c[1] == '.') {
            while (p->len > 0 && p->s[p->len - 1] != '/')
                p->len--;
            if (p->len > 0)
                p->len--; /* the slash */
        } else {
            if (n > MPB_VFS_NAME_MAX)
                return -ENAMETOOLONG;
            if (p->len + 1 + n >= NORM_MAX)
                return -ENAMETOOLONG;
            p->s[p->len++] = '/';
            memcpy(p->s + p->len, c, n);
            p->len += n;
        }
        c += n;
    }
    p->must_dir = raw[rlen - 1] == '/' || (last_len == 1 && last[0] == '.') ||
                  (last_len == 2 && last[0] == '.' && last[1] == '.');
    if (p->len == 0)
        p->s[p->len++] = '/';
    p->s[p->len] = 0;
    find_mount(v, p);
    return 0;
}

static int resolve(const mpb_vfs *v, const char *raw, vpath *p)
{
    return resolve_with(v, mpb_vfs_cwd(v), raw, p);
}

/* Does path p contain a mount point (p itself or an ancestor of one)? */
static int holds_mount(const mpb_vfs *v, const vpath *p)
{
    for (uint32_t i = 0; i < v->nmounts; i++) {
        const mpb_vfs_mnt *m = &v->mounts[i];
        if (p->len == 1 || (m->len >= p->len && memcmp(m->path, p->s, p->len) == 0 &&
                            (m->path[p->len] == 0 || m->path[p->len] == '/')))
            return 1;
    }
    return 0;
}

/* Walk the scratch tree to the node named by the normalised path s.
 * Returns 0 (node in *out), -ENOENT, -ENOTDIR. */
static int walk(mpb_vfs *v, const char *s, vfs_node **out)
{
    *out = NULL;
    int rc = ensure_root(&v->tree);
    if (rc != 0)
        return rc;
    vfs_node *n = v->tree.root;
    const char *c = s;
    for (size_t len; (len = next_name(&c)) != 0;) {
        if (!n->is_dir)
            return -ENOTDIR;
        int64_t i = dir_find(n, c, len);
        if (i < 0)
            return -ENOENT;
        n = n->kids[i];
        c += len;
    }
    *out = n;
    return 0;
}

/* The parent directory of p (not the root) and the last name. */
static int walk_parent(mpb_vfs *v, const vpath *p, vfs_node **dir, const char **name, size_t *nlen)
{
    const char *slash = strrchr(p->s, '/');
    char parent[NORM_MAX];
    size_t plen = (size_t)(slash - p->s);
    memcpy(parent, p->s, plen);
    parent[plen] = 0;
    *name = slash + 1;
    *nlen = strlen(slash + 1);
    int rc = walk(v, plen ? parent : "/", dir);
    if (rc == 0 && !(*dir)->is_dir)
        rc = -ENOTDIR;
    if (rc == 0 && p->len >= MPB_VFS_PATH_MAX)
        rc = -ENAMETOOLONG; /* too long to make or keep */
    return rc;
}

/* ---- host mounts ------------------------------------------------------------ */

static int host_errno(int e)
{
    switch (e) {
    case ENOENT: case ENOTDIR: case ENAMETOOLONG: case ELOOP: case EISDIR: case ENOMEM: case EMFILE:
        return -e;
    case EACCES: case EPERM: case EXDEV: case ENXIO: case ENODEV: case EROFS: case EAGAIN:
        return -EACCES; /* EXDEV: an escape attempt that RESOLVE_BENEATH refused */
    case ENFILE:
        return -EMFILE;
    case ENOSYS:
        return -ENOSYS; /* no openat2: only seen when mounting */
    default:
        return -EIO;
    }
}

static int m_openat2(int dirfd, const char *rel, uint64_t flags)
{
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = flags | O_CLOEXEC;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    for (int tries = 0; tries < 8; tries++) {
        long fd = syscall(SYS_openat2, dirfd, rel, &how, sizeof how);
        if (fd >= 0)
            return (int)fd;
        if (errno != EINTR && errno != EAGAIN)
            break;
    }
    return host_errno(errno);
}

static void fill_host_stat(const struct stat *s, mpb_vfs_st *st)
{
    uint32_t type = (uint32_t)s->st_mode & 0170000u;
    st->mode = type | ((uint32_t)s->st_mode & 0555u);
    st->nlink = (uint32_t)s->st_nlink;
    st->size = (uint64_t)s->st_size;
    st->ino = (uint64_t)s->st_ino;
    st->mtime = (int64_t)s->st_mtim.tv_sec;
}

static int m_stat(const mpb_vfs *v, const vpath *p, mpb_vfs_st *st, int want_dir)
{
    int fd = m_openat2(v->mounts[p->mount].fd, p->rel, O_PATH | (want_dir ? O_DIRECTORY : 0));
    if (fd < 0)
        return fd;
    struct stat s;
    int rc = fstat(fd, &s) == 0 ? 0 : host_errno(errno);
    close(fd);
    if (rc == 0)
        fill_host_stat(&s, st);
    return rc;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const vfs_entry *)a)->name, ((const vfs_entry *)b)->name);
}

static void listing_free(vfs_listing *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        free(l->e[i].name);
    free(l->e);
    free(l);
}

/* Read a whole host directory (fd is consumed). */
static int m_listing(int fd, vfs_listing **out)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        int rc = host_errno(errno);
        close(fd);
        return rc;
    }
    vfs_listing *l = calloc(1, sizeof *l);
    uint32_t cap = 0;
    int rc = l ? 0 : -ENOMEM;
    struct dirent *de;
    while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (l->n >= MAX_LISTING) {
            rc = -ENOMEM;
            break;
        }
        if (l->n == cap) {
            cap = cap ? cap * 2 : 16;
            vfs_entry *e = realloc(l->e, sizeof *e * cap);
            if (!e) {
                rc = -ENOMEM;
                break;
            }
            l->e = e;
        }
        uint8_t type = de->d_type;
        if (type == DT_UNKNOWN) {
            struct stat s;
            if (fstatat(dirfd(d), de->d_name, &s, AT_SYMLINK_NOFOLLOW) == 0)
                type = (uint8_t)((s.st_mode & 0170000u) >> 12);
        }
        char *name = strdup(de->d_name);
        if (!name) {
            rc = -ENOMEM;
            break;
        }
        l->e[l->n].ino = de->d_ino;
        l->e[l->n].type = type;
        l->e[l->n].name = name;
        l->n++;
    }
    if (rc == 0 && errno != 0)
        rc = host_errno(errno);
    closedir(d);
    if (rc != 0) {
        if (l)
            listing_free(l);
        return rc;
    }
    if (l->n)
        qsort(l->e, l->n, sizeof *l->e, entry_cmp);
    l->refs = 1;
    *out = l;
    return 0;
}

/* ---- the embedded library ---------------------------------------------------- */

#define LIB_INO (1ull << 40) /* + entry index (the root: + count); apart from tree inodes */

static int lib_entry_cmp(const void *key, const void *e)
{
    return strcmp(key, ((const mpb_vfs_lib_entry *)e)->path);
}

static const mpb_vfs_lib_entry *lib_bsearch(const char *rel)
{
    return bsearch(rel, mpb_vfs_embedded.entries, mpb_vfs_embedded.count, sizeof *mpb_vfs_embedded.entries,
                   lib_entry_cmp);
}

const mpb_vfs_lib_entry *mpb_vfs_lib_file(const char *rel)
{
    const mpb_vfs_lib_entry *e = lib_bsearch(rel);
    return e && !e->is_dir ? e : NULL;
}

/* The entry at rel (a normalised path below the library root, or "."),
 * with *e NULL for the root itself. 0, -ENOENT or -ENOTDIR (a file in the
 * way, as a real file system says). */
static int lib_lookup(const char *rel, const mpb_vfs_lib_entry **e)
{
    *e = NULL;
    if (strcmp(rel, ".") == 0)
        return 0;
    if ((*e = lib_bsearch(rel)) != NULL)
        return 0;
    char prefix[MPB_VFS_PATH_MAX];
    size_t len = strlen(rel);
    if (len >= sizeof prefix)
        return -ENOENT;
    memcpy(prefix, rel, len + 1);
    for (char *slash = strchr(prefix, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        const mpb_vfs_lib_entry *d = lib_bsearch(prefix);
        *slash = '/';
        if (!d)
            return -ENOENT;
        if (!d->is_dir)
            return -ENOTDIR;
    }
    return -ENOENT;
}

static void fill_lib_stat(const mpb_vfs_lib_entry *e, mpb_vfs_st *st)
{
    int dir = !e || e->is_dir;
    st->mode = dir ? 0040555u : 0100444u;
    st->nlink = dir ? 2 : 1;
    st->size = dir ? 0 : e->len;
    st->ino = LIB_INO + (uint64_t)(e ? e - mpb_vfs_embedded.entries : mpb_vfs_embedded.count);
    st->mtime = 0; /* constant contents, the same in every build of a session */
}

static int lib_stat(const vpath *p, mpb_vfs_st *st, int want_dir)
{
    const mpb_vfs_lib_entry *e;
    int rc = lib_lookup(p->rel, &e);
    if (rc != 0)
        return rc;
    if (want_dir && e && !e->is_dir)
        return -ENOTDIR;
    fill_lib_stat(e, st);
    return 0;
}

/* The names directly below directory d (NULL: the root). Entries are
 * sorted by full path, so the children of d come out sorted by name. */
static int lib_listing(const mpb_vfs_lib_entry *d, vfs_listing **out)
{
    const char *prefix = d ? d->path : "";
    size_t plen = strlen(prefix);
    vfs_listing *l = calloc(1, sizeof *l);
    if (!l)
        return -ENOMEM;
    l->refs = 1;
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++) {
        const mpb_vfs_lib_entry *e = &mpb_vfs_embedded.entries[i];
        const char *name = e->path + plen + (plen ? 1 : 0);
        if ((plen && (strncmp(e->path, prefix, plen) != 0 || e->path[plen] != '/')) || strchr(name, '/'))
            continue;
        if (l->n % 16 == 0) {
            vfs_entry *ne = realloc(l->e, sizeof *ne * (l->n + 16));
            if (!ne) {
                listing_free(l);
                return -ENOMEM;
            }
            l->e = ne;
        }
        if (!(l->e[l->n].name = strdup(name))) {
            listing_free(l);
            return -ENOMEM;
        }
        l->e[l->n].ino = LIB_INO + i;
        l->e[l->n].type = e->is_dir ? DT_DIR : DT_REG;
        l->n++;
    }
    *out = l;
    return 0;
}

/* ---- opening ------------------------------------------------------------------ */

static int install(mpb_vfs *v, vfs_fd f)
{
    int rc = touch_handles(v);
    if (rc != 0)
        return rc;
    int slot = fd_slot(&v->live);
    if (slot < 0)
        return slot;
    v->live.fds[slot] = f;
    return MPB_VFS_FIRST_FD + slot;
}

static int listing_of_dir(const vfs_node *d, vfs_listing **out)
{
    vfs_listing *l = calloc(1, sizeof *l);
    if (!l)
        return -ENOMEM;
    l->refs = 1;
    if (d->nkids && !(l->e = calloc(d->nkids, sizeof *l->e))) {
        free(l);
        return -ENOMEM;
    }
    for (uint32_t i = 0; i < d->nkids; i++) {
        if (!(l->e[i].name = strdup(d->kids[i]->name))) {
            listing_free(l);
            return -ENOMEM;
        }
        l->n++;
        l->e[i].ino = d->kids[i]->ino;
        l->e[i].type = d->kids[i]->is_dir ? DT_DIR : DT_REG;
    }
    *out = l;
    return 0;
}

static int open_lib(mpb_vfs *v, const vpath *p, uint32_t flags)
{
    const mpb_vfs_lib_entry *e;
    int rc = lib_lookup(p->rel, &e);
    if (rc == -ENOENT && (flags & G_CREAT))
        return -EACCES;
    if (rc != 0)
        return rc;
    if ((flags & G_CREAT) && (flags & G_EXCL))
        return -EEXIST;
    if ((flags & G_ACCMODE) != 0 || (flags & G_TRUNC))
        return -EACCES;
    vfs_fd f = {0};
    if (!e || e->is_dir) {
        if (!(flags & G_DIRECTORY))
            return -EISDIR;
        vfs_listing *l = NULL;
        if ((rc = lib_listing(e, &l)) != 0)
            return rc;
        f.kind = FD_DIR;
        f.u.dir = l;
    } else {
        if ((flags & G_DIRECTORY) || p->must_dir)
            return -ENOTDIR;
        f.kind = FD_LIB;
        f.mode = M_READ;
        f.u.lib = e;
    }
    rc = install(v, f);
    if (rc < 0)
        fd_release(&f);
    return rc;
}

static int open_mount(mpb_vfs *v, const vpath *p, uint32_t flags)
{
    if ((flags & G_ACCMODE) != 0 || (flags & (G_CREAT | G_TRUNC)))
        return -EACCES;
    if (v->live.hi >= MPB_VFS_MAX_FDS && fd_slot(&v->live) < 0)
        return -EMFILE;
    int fd = m_openat2(v->mounts[p->mount].fd, p->rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return fd;
    struct stat s;
    if (fstat(fd, &s) != 0) {
        int rc = host_errno(errno);
        close(fd);
        return rc;
    }
    vfs_fd f = {0};
    if (S_ISDIR(s.st_mode)) {
        if (!(flags & G_DIRECTORY)) {
            close(fd);
            return -EISDIR;
        }
        vfs_listing *l = NULL;
        int rc = m_listing(fd, &l);
        if (rc != 0)
            return rc;
        f.kind = FD_DIR;
        f.u.dir = l;
    } else if (S_ISREG(s.st_mode)) {
        if ((flags & G_DIRECTORY) || p->must_dir) {
            close(fd);
            return -ENOTDIR;
        }
        vfs_hostfile *hf = malloc(sizeof *hf);
        if (!hf) {
            close(fd);
            return -ENOMEM;
        }
        hf->fd = fd;
        hf->refs = 1;
        f.kind = FD_HOST;
        f.mode = M_READ;
        f.u.hf = hf;
    } else {
        close(fd); /* devices, FIFOs, sockets */
        return -EACCES;
    }
    int rc = install(v, f);
    if (rc < 0)
        fd_release(&f);
    return rc;
}

/* Account for a file or directory that leaves the live tree. */
static void unlinked(mpb_vfs *v, vfs_node *n)
{
    n->linked = 0;
    if (n->is_dir || n->open_count == 0) {
        v->tree.count--;
        v->tree.bytes -= file_size(n);
    }
}

static int create_node(mpb_vfs *v, vfs_node *dir, const char *name, size_t nlen, int is_dir, vfs_node **out)
{
    int64_t pos = dir_find(dir, name, nlen);
    if (pos >= 0)
        return -EEXIST;
    if (v->tree.count + 1 > max_count(v))
        return -ENOSPC;
    vfs_node *n = node_new(name, nlen, is_dir);
    if (!n)
        return -ENOMEM;
    n->ino = v->tree.next_ino++;
    n->mtime = v->now;
    if (dir_insert(dir, (uint32_t)(-pos - 1), n) != 0) {
        node_unref(n);
        return -ENOMEM;
    }
    v->tree.count++;
    dir->mtime = v->now;
    *out = n;
    return 0;
}

static int truncate_node(mpb_vfs *v, vfs_node *n)
{
    size_t size = file_size(n);
    if (size == 0)
        return 0;
    blob_unref(n->blob);
    n->blob = NULL;
    v->tree.bytes -= size;
    n->mtime = v->now;
    return 0;
}

int mpb_vfs_open(mpb_vfs *v, const char *path, uint32_t flags)
{
    if ((flags & G_ACCMODE) == G_ACCMODE || ((flags & G_CREAT) && (flags & G_DIRECTORY)))
        return -EINVAL;
    vpath p;
    int rc = resolve(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.mount >= 0)
        return open_mount(v, &p, flags);
    if (p.lib)
        return open_lib(v, &p, flags);
    uint32_t acc = flags & G_ACCMODE;
    vfs_node *n;
    rc = walk(v, p.s, &n);
    if (rc == -ENOENT && (flags & G_CREAT)) {
        if (p.must_dir)
            return -EISDIR;
        if (v->live.hi >= MPB_VFS_MAX_FDS && fd_slot(&v->live) < 0)
            return -EMFILE;
        if ((rc = touch_tree(v)) != 0)
            return rc;
        vfs_node *dir;
        const char *name;
        size_t nlen;
        if ((rc = walk_parent(v, &p, &dir, &name, &nlen)) != 0)
            return rc;
        if ((rc = create_node(v, dir, name, nlen, 0, &n)) != 0)
            return rc;
    } else if (rc != 0) {
        return rc;
    } else if ((flags & G_CREAT) && (flags & G_EXCL)) {
        return -EEXIST;
    }
    vfs_fd f = {0};
    if (n->is_dir) {
        if (acc != 0 || (flags & (G_CREAT | G_TRUNC)) || !(flags & G_DIRECTORY))
            return -EISDIR;
        vfs_listing *l = NULL;
        if ((rc = listing_of_dir(n, &l)) != 0)
            return rc;
        f.kind = FD_DIR;
        f.u.dir = l;
        rc = install(v, f);
        if (rc < 0)
            fd_release(&f);
        return rc;
    }
    if ((flags & G_DIRECTORY) || p.must_dir)
        return -ENOTDIR;
    if (v->live.hi >= MPB_VFS_MAX_FDS && fd_slot(&v->live) < 0)
        return -EMFILE;
    if ((flags & G_TRUNC) && acc != 0 && file_size(n) > 0) {
        if ((rc = touch_tree(v)) != 0 || (rc = walk(v, p.s, &n)) != 0)
            return rc;
        truncate_node(v, n);
    }
    if ((rc = touch_handles(v)) != 0)
        return rc;
    int slot = fd_slot(&v->live);
    if (slot < 0)
        return slot;
    f.kind = FD_FILE;
    f.mode = (uint8_t)((acc == 0 || acc == 2 ? M_READ : 0) | (acc != 0 ? M_WRITE : 0) |
                       ((flags & G_APPEND) ? M_APPEND : 0));
    f.u.node = n;
    n->refs++;
    n->open_count++;
    v->live.fds[slot] = f;
    return MPB_VFS_FIRST_FD + slot;
}

/* ---- stat ----------------------------------------------------------------------- */

static void fill_node_stat(const vfs_node *n, mpb_vfs_st *st)
{
    st->mode = n->is_dir ? S_DIR_MODE : S_REG_MODE;
    st->nlink = n->is_dir ? 2 : 1;
    st->size = n->is_dir ? 0 : file_size(n);
    st->ino = n->ino;
    st->mtime = n->mtime;
}

int mpb_vfs_stat(mpb_vfs *v, const char *path, mpb_vfs_st *st)
{
    vpath p;
    int rc = resolve(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.mount >= 0)
        return m_stat(v, &p, st, p.must_dir);
    if (p.lib)
        return lib_stat(&p, st, p.must_dir);
    vfs_node *n;
    if ((rc = walk(v, p.s, &n)) != 0)
        return rc;
    if (p.must_dir && !n->is_dir)
        return -ENOTDIR;
    fill_node_stat(n, st);
    return 0;
}

int mpb_vfs_fstat(mpb_vfs *v, uint32_t fd, mpb_vfs_st *st)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_FILE) {
        fill_node_stat(f->u.node, st);
    } else if (f->kind == FD_HOST) {
        struct stat s;
        if (fstat(f->u.hf->fd, &s) != 0)
            return host_errno(errno);
        fill_host_stat(&s, st);
    } else if (f->kind == FD_LIB) {
        fill_lib_stat(f->u.lib, st);
    } else {
        memset(st, 0, sizeof *st);
        st->mode = S_DIR_MODE;
        st->nlink = 2;
    }
    return 0;
}

int mpb_vfs_fd_kind(const mpb_vfs *v, uint32_t fd)
{
    vfs_fd *f = fd_get(v, fd);
    return !f ? 0 : f->kind == FD_DIR ? 2 : 1;
}

/* ---- changing the tree --------------------------------------------------- */

int mpb_vfs_mkdir(mpb_vfs *v, const char *path)
{
    vpath p;
    int rc = resolve(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.mount >= 0 || p.lib)
        return -EACCES;
    if (p.len == 1)
        return -EEXIST;
    if ((rc = touch_tree(v)) != 0)
        return rc;
    vfs_node *dir, *n;
    const char *name;
    size_t nlen;
    if ((rc = walk_parent(v, &p, &dir, &name, &nlen)) != 0)
        return rc;
    return create_node(v, dir, name, nlen, 1, &n);
}

int mpb_vfs_unlink(mpb_vfs *v, const char *path, int rmdir)
{
    vpath p;
    int rc = resolve(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.mount >= 0 || p.lib)
        return -EACCES;
    if (p.len == 1)
        return rmdir ? -EBUSY : -EISDIR;
    if ((rc = touch_tree(v)) != 0)
        return rc;
    vfs_node *dir;
    const char *name;
    size_t nlen;
    if ((rc = walk_parent(v, &p, &dir, &name, &nlen)) != 0)
        return rc;
    int64_t i = dir_find(dir, name, nlen);
    if (i < 0)
        return -ENOENT;
    vfs_node *n = dir->kids[i];
    if (rmdir) {
        if (!n->is_dir)
            return -ENOTDIR;
        if (n->nkids)
            return -ENOTEMPTY;
        if (holds_mount(v, &p))
            return -EBUSY;
    } else {
        if (n->is_dir)
            return -EISDIR;
        if (p.must_dir)
            return -ENOTDIR;
    }
    dir_remove(dir, (uint32_t)i);
    dir->mtime = v->now;
    unlinked(v, n);
    node_unref(n);
    return 0;
}

int mpb_vfs_rename(mpb_vfs *v, const char *from, const char *to)
{
    vpath a, b;
    int rc = resolve(v, from, &a);
    if (rc == 0)
        rc = resolve(v, to, &b);
    if (rc != 0)
        return rc;
    if (a.mount >= 0 || b.mount >= 0 || a.lib || b.lib)
        return -EACCES;
    if (a.len == 1 || b.len == 1 || holds_mount(v, &a) || holds_mount(v, &b))
        return -EBUSY;
    if ((rc = touch_tree(v)) != 0)
        return rc;
    vfs_node *adir, *bdir;
    const char *aname, *bname;
    size_t alen, blen;
    if ((rc = walk_parent(v, &a, &adir, &aname, &alen)) != 0)
        return rc;
    int64_t ai = dir_find(adir, aname, alen);
    if (ai < 0)
        return -ENOENT;
    vfs_node *n = adir->kids[ai];
    if (!n->is_dir && (a.must_dir || b.must_dir))
        return -ENOTDIR;
    if ((rc = walk_parent(v, &b, &bdir, &bname, &blen)) != 0)
        return rc;
    if (strcmp(a.s, b.s) == 0)
        return 0;
    if (b.len > a.len && memcmp(b.s, a.s, a.len) == 0 && b.s[a.len] == '/')
        return -EINVAL; /* into itself */
    int64_t bi = dir_find(bdir, bname, blen);
    vfs_node *old = bi >= 0 ? bdir->kids[bi] : NULL;
    if (old) {
        if (n->is_dir && !old->is_dir)
            return -ENOTDIR;
        if (!n->is_dir && old->is_dir)
            return -EISDIR;
        if (old->is_dir && old->nkids)
            return -ENOTEMPTY;
    }
    char *nm = malloc(blen + 1);
    if (!nm)
        return -ENOMEM;
    memcpy(nm, bname, blen);
    nm[blen] = 0;
    /* room for the insertion first, so that nothing fails half-way */
    if (!old && bdir->nkids == bdir->kcap) {
        uint32_t cap = bdir->kcap ? bdir->kcap * 2 : 4;
        vfs_node **k = realloc(bdir->kids, sizeof *k * cap);
        if (!k) {
            free(nm);
            return -ENOMEM;
        }
        bdir->kids = k;
        bdir->kcap = cap;
    }
    if (old) {
        bi = dir_find(bdir, bname, blen);
        dir_remove(bdir, (uint32_t)bi);
        unlinked(v, old);
        node_unref(old);
    }
    ai = dir_find(adir, aname, alen);
    dir_remove(adir, (uint32_t)ai);
    free(n->name);
    n->name = nm;
    bi = dir_find(bdir, nm, blen);
    dir_insert(bdir, (uint32_t)(-bi - 1), n); /* cannot fail: room made above */
    adir->mtime = bdir->mtime = v->now;
    return 0;
}

int mpb_vfs_chdir(mpb_vfs *v, const char *path)
{
    vpath p;
    int rc = resolve(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.mount >= 0) {
        mpb_vfs_st st;
        if ((rc = m_stat(v, &p, &st, 1)) != 0)
            return rc;
    } else if (p.lib) {
        mpb_vfs_st st;
        if ((rc = lib_stat(&p, &st, 1)) != 0)
            return rc;
    } else {
        vfs_node *n;
        if ((rc = walk(v, p.s, &n)) != 0)
            return rc;
        if (!n->is_dir)
            return -ENOTDIR;
    }
    if (p.len >= MPB_VFS_PATH_MAX)
        return -ENAMETOOLONG;
    char *cwd = strdup(p.s);
    if (!cwd || (rc = touch_handles(v)) != 0) {
        free(cwd);
        return -ENOMEM;
    }
    free(v->live.cwd);
    v->live.cwd = cwd;
    return 0;
}

int mpb_vfs_statfs(mpb_vfs *v, const char *path, mpb_vfs_fsinfo *out)
{
    mpb_vfs_st st;
    int rc = mpb_vfs_stat(v, path, &st);
    if (rc != 0)
        return rc;
    vpath p;
    resolve(v, path, &p);
    uint64_t mb = max_bytes(v), mc = max_count(v);
    out->blocks = mb / 4096;
    out->bfree = v->tree.bytes >= mb ? 0 : (mb - v->tree.bytes) / 4096;
    out->files = mc;
    out->ffree = v->tree.count >= mc ? 0 : mc - v->tree.count;
    out->readonly = p.mount >= 0 || p.lib;
    return 0;
}

/* ---- descriptors ------------------------------------------------------------- */

int64_t mpb_vfs_read(mpb_vfs *v, uint32_t fd, void *dst, size_t len)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_DIR)
        return -EISDIR;
    if (!(f->mode & M_READ))
        return -EBADF;
    if (len == 0)
        return 0;
    int rc = touch_handles(v);
    if (rc != 0)
        return rc;
    f = fd_get(v, fd);
    if (f->kind == FD_HOST) {
        /* Through a bounce buffer: guest pages may be write-protected for
         * checkpoint tracking (rt/track.c), and the kernel would answer
         * EFAULT where a user-space copy faults and is tracked. */
        uint8_t bounce[16384];
        size_t done = 0;
        while (done < len && f->pos <= (uint64_t)INT64_MAX) {
            size_t want = len - done < sizeof bounce ? len - done : sizeof bounce;
            ssize_t n;
            do
                n = pread(f->u.hf->fd, bounce, want, (off_t)f->pos);
            while (n < 0 && errno == EINTR);
            if (n < 0) {
                if (done)
                    break;
                return host_errno(errno);
            }
            memcpy((uint8_t *)dst + done, bounce, (size_t)n);
            done += (size_t)n;
            f->pos += (uint64_t)n;
            if ((size_t)n < want)
                break;
        }
        return (int64_t)done;
    }
    if (f->kind == FD_LIB) {
        const mpb_vfs_lib_entry *e = f->u.lib;
        if (f->pos >= e->len)
            return 0;
        size_t n = e->len - (size_t)f->pos;
        if (n > len)
            n = len;
        memcpy(dst, e->data + f->pos, n);
        f->pos += n;
        return (int64_t)n;
    }
    size_t size = file_size(f->u.node);
    if (f->pos >= size)
        return 0;
    size_t n = size - (size_t)f->pos;
    if (n > len)
        n = len;
    memcpy(dst, f->u.node->blob->data + f->pos, n);
    f->pos += n;
    return (int64_t)n;
}

int64_t mpb_vfs_write(mpb_vfs *v, uint32_t fd, const mpb_vfs_iov *iov, uint32_t niov)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_DIR)
        return -EISDIR;
    if (!(f->mode & M_WRITE))
        return -EBADF;
    uint64_t total = 0;
    for (uint32_t i = 0; i < niov; i++)
        total += iov[i].len; /* at most 1024 pieces of < 4 GiB */
    if (total == 0)
        return 0;
    int rc = touch_tree(v);
    if (rc != 0)
        return rc;
    f = fd_get(v, fd); /* moved onto the clone */
    vfs_node *n = f->u.node;
    uint64_t size = file_size(n);
    uint64_t pos = (f->mode & M_APPEND) ? size : f->pos;
    uint64_t limit = max_bytes(v);
    if (pos > UINT64_MAX - total)
        return -ENOSPC;
    uint64_t end = pos + total;
    uint64_t grow = end > size ? end - size : 0;
    if (grow > 0 && (v->tree.bytes + grow > limit || v->tree.bytes + grow < v->tree.bytes || end > SIZE_MAX / 2))
        return -ENOSPC;
    if ((rc = blob_prepare_counted(n, (size_t)(end > size ? end : size), &v->work)) != 0)
        return rc;
    if (pos > size)
        v->work += pos - size; /* the hole, zero-filled */
    uint8_t *d = n->blob->data + pos;
    for (uint32_t i = 0; i < niov; i++) {
        if (iov[i].len)
            memcpy(d, iov[i].data, iov[i].len);
        d += iov[i].len;
    }
    if (end > size)
        n->blob->len = (size_t)end;
    v->tree.bytes += grow;
    n->mtime = v->now;
    f->pos = end;
    return (int64_t)total;
}

int mpb_vfs_seek(mpb_vfs *v, uint32_t fd, int64_t off, uint32_t whence, uint64_t *pos)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    if (f->kind == FD_DIR)
        return -ESPIPE;
    int64_t base;
    if (whence == 0) {
        base = 0;
    } else if (whence == 1) {
        base = (int64_t)f->pos;
    } else if (whence == 2) {
        if (f->kind == FD_HOST) {
            struct stat s;
            if (fstat(f->u.hf->fd, &s) != 0)
                return host_errno(errno);
            base = (int64_t)s.st_size;
        } else if (f->kind == FD_LIB) {
            base = (int64_t)f->u.lib->len;
        } else {
            base = (int64_t)file_size(f->u.node);
        }
    } else {
        return -EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    uint64_t np = (uint64_t)(base + off);
    if (np != f->pos) {
        int rc = touch_handles(v);
        if (rc != 0)
            return rc;
        f = fd_get(v, fd);
        f->pos = np;
    }
    *pos = np;
    return 0;
}

int mpb_vfs_close(mpb_vfs *v, uint32_t fd)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    int last_orphan = f->kind == FD_FILE && f->u.node->open_count == 1 && !f->u.node->linked;
    int rc = last_orphan ? touch_tree(v) : touch_handles(v); /* counters change too */
    if (rc != 0)
        return rc;
    f = fd_get(v, fd);
    if (f->kind == FD_FILE) {
        vfs_node *n = f->u.node;
        if (--n->open_count == 0 && !n->linked) {
            v->tree.count--;
            v->tree.bytes -= file_size(n);
        }
    }
    fd_release(f);
    while (v->live.hi > 0 && v->live.fds[v->live.hi - 1].kind == FD_FREE)
        v->live.hi--;
    return 0;
}

int mpb_vfs_getdents(mpb_vfs *v, uint32_t fd, uint8_t *buf, size_t cap)
{
    vfs_fd *f = fd_get(v, fd);
    if (!f)
        return -EBADF;
    if (f->kind != FD_DIR)
        return -ENOTDIR;
    vfs_listing *l = f->u.dir;
    uint64_t i = f->pos;
    size_t used = 0;
    while (i < l->n) {
        const vfs_entry *e = &l->e[i];
        size_t nlen = strlen(e->name);
        size_t reclen = (19 + nlen + 1 + 7) & ~(size_t)7;
        if (used + reclen > cap || used + reclen > INT32_MAX)
            break;
        uint8_t *r = buf + used;
        memset(r, 0, reclen);
        uint64_t ino = e->ino, off = i + 1;
        uint16_t rl = (uint16_t)reclen;
        memcpy(r, &ino, 8);
        memcpy(r + 8, &off, 8);
        memcpy(r + 16, &rl, 2);
        r[18] = e->type;
        memcpy(r + 19, e->name, nlen);
        used += reclen;
        i++;
    }
    if (used == 0 && i < l->n)
        return -EINVAL;
    if (i != f->pos) {
        int rc = touch_handles(v);
        if (rc != 0)
            return rc;
        f = fd_get(v, fd);
        f->pos = i;
    }
    return (int)used;
}

/* ---- the embedder's calls ----------------------------------------------------- */

static int abs_scratch_path(mpb_vfs *v, const char *path, vpath *p)
{
    if (!path || path[0] != '/')
        return -EINVAL;
    int rc = resolve_with(v, "/", path, p);
    if (rc != 0)
        return rc;
    if (p->mount >= 0 || p->lib)
        return -EACCES;
    return 0;
}

int mpb_vfs_put(mpb_vfs *v, const char *path, const void *data, size_t len)
{
    vpath p;
    int rc = abs_scratch_path(v, path, &p);
    if (rc != 0)
        return rc;
    if (p.len == 1 || p.must_dir)
        return -EISDIR;
    if (p.len >= MPB_VFS_PATH_MAX)
        return -ENAMETOOLONG;
    if ((rc = touch_tree(v)) != 0)
        return rc;
    /* parents */
    vfs_node *d = v->tree.root;
    const char *c = p.s + 1;
    for (;;) {
        const char *e = strchr(c, '/');
        if (!e)
            break;
        size_t n = (size_t)(e - c);
        int64_t i = dir_find(d, c, n);
        if (i >= 0) {
            d = d->kids[i];
            if (!d->is_dir)
                return -ENOTDIR;
        } else if ((rc = create_node(v, d, c, n, 1, &d)) != 0) {
            return rc;
        }
        c = e + 1;
    }
    size_t nlen = strlen(c);
    int64_t i = dir_find(d, c, nlen);
    vfs_node *f;
    if (i >= 0) {
        f = d->kids[i];
        if (f->is_dir)
            return -EISDIR;
    } else if ((rc = create_node(v, d, c, nlen, 0, &f)) != 0) {
        return rc;
    }
    uint64_t old = file_size(f);
    if (len > old && v->tree.bytes + (len - old) > max_bytes(v))
        return -ENOSPC;
    vfs_blob *b = NULL;
    if (len) {
        b = malloc(sizeof *b);
        uint8_t *bd = malloc(len);
        if (!b || !bd) {
            free(b);
            free(bd);
            return -ENOMEM;
        }
        memcpy(bd, data, len);
        atomic_init(&b->refs, 1);
        b->len = b->cap = len;
        b->data = bd;
    }
    blob_unref(f->blob);
    f->blob = b;
    v->tree.bytes = v->tree.bytes - old + len;
    f->mtime = v->now;
    return 0;
}

int mpb_vfs_get(mpb_vfs *v, const char *path, void **data, size_t *len)
{
    vpath p;
    int rc = abs_scratch_path(v, path, &p);
    if (rc != 0)
        return rc;
    vfs_node *n;
    if ((rc = walk(v, p.s, &n)) != 0)
        return rc;
    if (n->is_dir)
        return -EISDIR;
    size_t size = file_size(n);
    void *out = malloc(size ? size : 1);
    if (!out)
        return -ENOMEM;
    if (size)
        memcpy(out, n->blob->data, size);
    *data = out;
    *len = size;
    return 0;
}

static int list_rec(const vfs_node *d, char *path, size_t plen, void (*fn)(void *, const char *, size_t),
                    void *user)
{
    int count = 0;
    for (uint32_t i = 0; i < d->nkids; i++) {
        const vfs_node *k = d->kids[i];
        size_t n = strlen(k->name);
        if (plen + 1 + n >= MPB_VFS_PATH_MAX)
            continue; /* cannot happen: paths are checked when made */
        path[plen] = '/';
        memcpy(path + plen + 1, k->name, n + 1);
        if (k->is_dir) {
            count += list_rec(k, path, plen + 1 + n, fn, user);
        } else {
            if (fn)
                fn(user, path, file_size(k));
            count++;
        }
    }
    path[plen] = 0;
    return count;
}

int mpb_vfs_list(mpb_vfs *v, void (*fn)(void *user, const char *path, size_t size), void *user)
{
    if (!v->tree.root)
        return 0;
    char path[MPB_VFS_PATH_MAX];
    path[0] = 0;
    return list_rec(v->tree.root, path, 0, fn, user);
}

int mpb_vfs_mount(mpb_vfs *v, const char *host_dir, const char *guest_dir)
{
    vpath p;
    if (!host_dir || !guest_dir || guest_dir[0] != '/')
        return -EINVAL;
    int rc = resolve_with(v, "/", guest_dir, &p);
    if (rc != 0)
        return rc;
    if (p.len == 1 || (p.lib && strcmp(p.rel, ".") != 0))
        return -EBUSY; /* the root, or inside the embedded library (a mount on its root shadows it) */
    if (p.len >= MPB_VFS_PATH_MAX)
        return -ENAMETOOLONG;
    for (uint32_t i = 0; i < v->nmounts; i++)
        if (strcmp(v->mounts[i].path, p.s) == 0)
            return -EEXIST;
    if (v->nmounts >= MPB_VFS_MAX_MOUNTS)
        return -EMFILE;
    int fd = open(host_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    /* the kernel must confine lookups: no openat2, no mount */
    int probe = m_openat2(fd, ".", O_PATH | O_DIRECTORY);
    if (probe < 0) {
        close(fd);
        return probe;
    }
    close(probe);
    char *gp = strdup(p.s);
    if (!gp) {
        close(fd);
        return -ENOMEM;
    }
    /* the mount point and its parents exist in the scratch tree, so that
     * listings show them (a file in the way is shadowed) */
    rc = touch_tree(v);
    vfs_node *d = rc == 0 ? v->tree.root : NULL;
    for (const char *c = p.s + 1; rc == 0 && *c;) {
        const char *e = strchr(c, '/');
        size_t n = e ? (size_t)(e - c) : strlen(c);
        int64_t i = dir_find(d, c, n);
        if (i >= 0 && d->kids[i]->is_dir)
            d = d->kids[i];
        else if (i >= 0)
            break;
        else
            rc = create_node(v, d, c, n, 1, &d);
        c += n;
        if (*c)
            c++;
    }
    if (rc != 0) {
        free(gp);
        close(fd);
        return rc;
    }
    v->mounts[v->nmounts].path = gp;
    v->mounts[v->nmounts].len = p.len;
    v->mounts[v->nmounts].fd = fd;
    v->nmounts++;
    return 0;
}

/* ---- copies, freeing ------------------------------------------------------------ */

int mpb_vfs_copy(mpb_vfs *dst, const mpb_vfs *src)
{
    const int64_t *limits = dst->limits;
    memset(dst, 0, sizeof *dst);
    dst->limits = limits;
    dst->tree = src->tree;
    dst->tree.root = NULL;
    dst->now = src->now;
    /* a fresh generation: stamps left in src by earlier clones are stale */
    uint64_t gen = ++((mpb_vfs *)src)->gen;
    int rc = 0;
    if (src->tree.root && !(dst->tree.root = clone_node(src->tree.root, gen)))
        rc = -ENOMEM;
    if (rc == 0 && src->live.cwd && !(dst->live.cwd = strdup(src->live.cwd)))
        rc = -ENOMEM;
    if (rc == 0 && src->live.hi) {
        dst->live.fds = calloc(src->live.hi, sizeof *dst->live.fds);
        if (!dst->live.fds)
            rc = -ENOMEM;
        else
            dst->live.cap = dst->live.hi = src->live.hi;
    }
    /* descriptors: files move to the clones; host files and listings are
     * duplicated (the copy may live on another thread) */
    for (uint32_t i = 0; rc == 0 && i < src->live.hi; i++) {
        const vfs_fd *f = &src->live.fds[i];
        vfs_fd *g = &dst->live.fds[i];
        *g = *f;
        g->kind = FD_FREE;
        if (f->kind == FD_FILE) {
            if (!(g->u.node = clone_of(f->u.node, gen)))
                rc = -ENOMEM;
        } else if (f->kind == FD_HOST) {
            vfs_hostfile *hf = malloc(sizeof *hf);
            int nfd = hf ? fcntl(f->u.hf->fd, F_DUPFD_CLOEXEC, 0) : -1;
            if (nfd < 0) {
                free(hf);
                rc = -ENOMEM;
            } else {
                hf->fd = nfd;
                hf->refs = 1;
                g->u.hf = hf;
            }
        } else if (f->kind == FD_DIR) {
            vfs_listing *l = calloc(1, sizeof *l);
            if (l && f->u.dir->n)
                l->e = calloc(f->u.dir->n, sizeof *l->e);
            if (!l || (f->u.dir->n && !l->e)) {
                free(l);
                rc = -ENOMEM;
            } else {
                l->refs = 1;
                for (uint32_t k = 0; k < f->u.dir->n && rc == 0; k++) {
                    l->e[k] = f->u.dir->e[k];
                    if (!(l->e[k].name = strdup(f->u.dir->e[k].name)))
                        rc = -ENOMEM;
                    else
                        l->n++;
                }
                g->u.dir = l;
                if (rc != 0) {
                    listing_free(l);
                    continue;
                }
            }
        }
        if (rc == 0)
            g->kind = f->kind;
    }
    for (uint32_t i = 0; rc == 0 && i < src->nmounts; i++) {
        const mpb_vfs_mnt *m = &src->mounts[i];
        char *path = strdup(m->path);
        int fd = path ? fcntl(m->fd, F_DUPFD_CLOEXEC, 0) : -1;
        if (fd < 0) {
            free(path);
            rc = -ENOMEM;
            break;
        }
        dst->mounts[i].path = path;
        dst->mounts[i].len = m->len;
        dst->mounts[i].fd = fd;
        dst->nmounts++;
    }
    if (rc != 0)
        mpb_vfs_free(dst);
    return rc;
}

void mpb_vfs_free(mpb_vfs *v)
{
    mpb_vfs_commit(v);
    handles_release(&v->live);
    node_unref(v->tree.root);
    v->tree.root = NULL;
    for (uint32_t i = 0; i < v->nmounts; i++) {
        close(v->mounts[i].fd);
        free(v->mounts[i].path);
    }
    v->nmounts = 0;
    memset(&v->tree, 0, sizeof v->tree);
}

/* ---- snapshots -------------------------------------------------------------------- *
 *
 *   "MPBVFS01"
 *   u32 node_count, u32 fd_count, u32 cwd_len, u32 zero
 *   u64 next_ino
 *   cwd bytes
 *   node_count records, depth first, the root first:
 *     u32 parent index (0xffffffff for the root), u32 name_len, u32 is_dir,
 *     u32 zero, u64 ino, i64 mtime, u64 size, name bytes, size data bytes
 *   fd_count records: u32 fd, u32 mode, u32 node index, u32 zero, u64 pos
 */

static const char vfs_magic[8] = {'M', 'P', 'B', 'V', 'F', 'S', '0', '1'};
#define NODE_REC 40u
#define FD_REC 24u

static void count_nodes(const vfs_node *n, uint64_t *nodes, uint64_t *bytes)
{
    (*nodes)++;
    *bytes += NODE_REC + strlen(n->name) + file_size(n);
    for (uint32_t i = 0; i < n->nkids; i++)
        count_nodes(n->kids[i], nodes, bytes);
}

static int saved_fd(const mpb_vfs *v, uint32_t i)
{
    const vfs_fd *f = &v->live.fds[i];
    return f->kind == FD_FILE && f->u.node->linked;
}

size_t mpb_vfs_save_size(const mpb_vfs *v)
{
    uint64_t nodes = 0, bytes = 8 + 16 + 8 + strlen(mpb_vfs_cwd(v));
    if (v->tree.root)
        count_nodes(v->tree.root, &nodes, &bytes);
    else
        bytes += NODE_REC;
    for (uint32_t i = 0; i < v->live.hi; i++)
        bytes += saved_fd(v, i) ? FD_REC : 0;
    return (size_t)bytes;
}

static uint8_t *put32(uint8_t *p, uint32_t x)
{
    memcpy(p, &x, 4);
    return p + 4;
}

static uint8_t *put64(uint8_t *p, uint64_t x)
{
    memcpy(p, &x, 8);
    return p + 8;
}

static uint8_t *save_node(vfs_node *n, uint32_t parent, uint32_t *next, uint8_t *p)
{
    uint32_t me = (*next)++;
    n->index = me;
    size_t nlen = strlen(n->name), size = file_size(n);
    p = put32(p, parent);
    p = put32(p, (uint32_t)nlen);
    p = put32(p, n->is_dir);
    p = put32(p, 0);
    p = put64(p, n->ino);
    p = put64(p, (uint64_t)n->mtime);
    p = put64(p, size);
    memcpy(p, n->name, nlen);
    p += nlen;
    if (size)
        memcpy(p, n->blob->data, size);
    p += size;
    for (uint32_t i = 0; i < n->nkids; i++)
        p = save_node(n->kids[i], me, next, p);
    return p;
}

void mpb_vfs_save(const mpb_vfs *v, uint8_t *out)
{
    uint64_t nodes = 0, bytes = 0;
    if (v->tree.root)
        count_nodes(v->tree.root, &nodes, &bytes);
    else
        nodes = 1;
    uint32_t nfds = 0;
    for (uint32_t i = 0; i < v->live.hi; i++)
        nfds += (uint32_t)saved_fd(v, i);
    const char *cwd = mpb_vfs_cwd(v);
    uint8_t *p = out;
    memcpy(p, vfs_magic, 8);
    p += 8;
    p = put32(p, (uint32_t)nodes);
    p = put32(p, nfds);
    p = put32(p, (uint32_t)strlen(cwd));
    p = put32(p, 0);
    p = put64(p, v->tree.next_ino < 2 ? 2 : v->tree.next_ino);
    memcpy(p, cwd, strlen(cwd));
    p += strlen(cwd);
    uint32_t next = 0;
    if (v->tree.root) {
        p = save_node(v->tree.root, UINT32_MAX, &next, p);
    } else { /* an empty root */
        p = put32(p, UINT32_MAX);
        p = put32(p, 0);
        p = put32(p, 1);
        p = put32(p, 0);
        p = put64(p, 1);
        p = put64(p, 0);
        p = put64(p, 0);
    }
    for (uint32_t i = 0; i < v->live.hi; i++) {
        if (!saved_fd(v, i))
            continue;
        const vfs_fd *f = &v->live.fds[i];
        p = put32(p, MPB_VFS_FIRST_FD + i);
        p = put32(p, f->mode);
        p = put32(p, f->u.node->index);
        p = put32(p, 0);
        p = put64(p, f->pos);
    }
}

#define BAD(text)                                                              \
    do {                                                                       \
        *why = (text);                                                         \
        goto fail;                                                             \
    } while (0)

int mpb_vfs_load(mpb_vfs *v, const uint8_t *data, size_t len, uint64_t max_bytes, uint64_t max_count,
                 const char **why)
{
    vfs_node **nodes = NULL;
    uint32_t nn = 0;
    const uint8_t *p = data, *end = data + len;
    uint32_t count, nfds, cwd_len, zero;
    uint64_t next_ino;
    if (len < 32 || memcmp(p, vfs_magic, 8) != 0) {
        *why = "file system section missing or damaged";
        return -1;
    }
    memcpy(&count, p + 8, 4);
    memcpy(&nfds, p + 12, 4);
    memcpy(&cwd_len, p + 16, 4);
    memcpy(&zero, p + 20, 4);
    memcpy(&next_ino, p + 24, 8);
    p += 32;
    if (zero != 0 || count == 0 || count > (uint64_t)(end - p) / NODE_REC || nfds > MPB_VFS_MAX_FDS ||
        cwd_len == 0 || cwd_len >= MPB_VFS_PATH_MAX || cwd_len > (uint64_t)(end - p)) {
        *why = "file system section: bad sizes";
        return -1;
    }
    if (count - 1 > max_count) {
        *why = "its files are more than the file count cap (MPBOX_LIMIT_FILES_COUNT)";
        return -1;
    }
    char cwd[MPB_VFS_PATH_MAX];
    memcpy(cwd, p, cwd_len);
    cwd[cwd_len] = 0;
    p += cwd_len;
    vpath cp;
    mpb_vfs tmp;
    memset(&tmp, 0, sizeof tmp);
    if (memchr(cwd, 0, cwd_len) || cwd[0] != '/' || resolve_with(&tmp, "/", cwd, &cp) != 0 || strcmp(cp.s, cwd) != 0) {
        *why = "file system section: bad working directory";
        return -1;
    }
    nodes = calloc(count, sizeof *nodes);
    if (!nodes) {
        *why = "out of memory";
        return -1;
    }
    uint64_t bytes = 0, max_ino = 1;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t parent, nlen, is_dir, z;
        uint64_t ino, size;
        int64_t mtime;
        if ((uint64_t)(end - p) < NODE_REC)
            BAD("file system section: truncated");
        memcpy(&parent, p, 4);
        memcpy(&nlen, p + 4, 4);
        memcpy(&is_dir, p + 8, 4);
        memcpy(&z, p + 12, 4);
        memcpy(&ino, p + 16, 8);
        memcpy(&mtime, p + 24, 8);
        memcpy(&size, p + 32, 8);
        p += NODE_REC;
        if (z != 0 || is_dir > 1 || (is_dir && size != 0))
            BAD("file system section: bad node");
        if (nlen > MPB_VFS_NAME_MAX || nlen > (uint64_t)(end - p) || size > (uint64_t)(end - p) - nlen)
            BAD("file system section: truncated");
        if (i == 0 ? (parent != UINT32_MAX || nlen != 0 || !is_dir) : (parent >= i || !nodes[parent]->is_dir))
            BAD("file system section: bad tree structure");
        if (size > max_bytes - bytes)
            BAD("its files are larger than the file size cap (MPBOX_LIMIT_FILES_BYTES)");
        const char *name = (const char *)p;
        if (i > 0) {
            if (nlen == 0 || (nlen == 1 && name[0] == '.') || (nlen == 2 && name[0] == '.' && name[1] == '.'))
                BAD("file system section: bad name");
            for (uint32_t k = 0; k < nlen; k++)
                if ((unsigned char)name[k] < 0x20 || name[k] == '/')
                    BAD("file system section: bad name");
        }
        vfs_node *n = node_new(name, nlen, (int)is_dir);
        if (!n)
            BAD("out of memory");
        p += nlen;
        n->ino = ino;
        n->mtime = mtime;
        if (size) {
            if (size > SIZE_MAX / 2 || blob_prepare(n, (size_t)size) != 0) {
                node_unref(n);
                BAD("out of memory");
            }
            memcpy(n->blob->data, p, (size_t)size);
            n->blob->len = (size_t)size;
            p += size;
        }
        if (i > 0) {
            vfs_node *d = nodes[parent];
            int64_t pos = dir_find(d, n->name, nlen);
            if (pos >= 0 || dir_insert(d, (uint32_t)(-pos - 1), n) != 0) {
                node_unref(n);
                BAD(pos >= 0 ? "file system section: duplicate name" : "out of memory");
            }
        }
        nodes[i] = n;
        nn++;
        bytes += size;
        if (ino > max_ino)
            max_ino = ino;
    }
    if ((uint64_t)(end - p) != (uint64_t)nfds * FD_REC)
        BAD("file system section: bad length");
    vfs_handles h;
    memset(&h, 0, sizeof h);
    for (uint32_t i = 0; i < nfds; i++, p += FD_REC) {
        uint32_t fd, mode, index, z;
        uint64_t pos;
        memcpy(&fd, p, 4);
        memcpy(&mode, p + 4, 4);
        memcpy(&index, p + 8, 4);
        memcpy(&z, p + 12, 4);
        memcpy(&pos, p + 16, 8);
        if (z != 0 || fd < MPB_VFS_FIRST_FD || fd - MPB_VFS_FIRST_FD >= MPB_VFS_MAX_FDS || mode == 0 || mode > 7 ||
            (mode & (M_READ | M_WRITE)) == 0 || index >= count || nodes[index]->is_dir || pos > (uint64_t)INT64_MAX) {
            handles_release(&h);
            BAD("file system section: bad descriptor");
        }
        uint32_t slot = fd - MPB_VFS_FIRST_FD;
        if (slot >= h.cap) {
            vfs_fd *f = realloc(h.fds, sizeof *f * MPB_VFS_MAX_FDS);
            if (!f) {
                handles_release(&h);
                BAD("out of memory");
            }
            h.fds = f;
            for (uint32_t k = h.cap; k < MPB_VFS_MAX_FDS; k++)
                h.fds[k].kind = FD_FREE;
            h.cap = MPB_VFS_MAX_FDS;
        }
        if (h.fds[slot].kind != FD_FREE) {
            handles_release(&h);
            BAD("file system section: duplicate descriptor");
        }
        h.fds[slot].kind = FD_FILE;
        h.fds[slot].mode = (uint8_t)mode;
        h.fds[slot].pos = pos;
        h.fds[slot].u.node = nodes[index];
        nodes[index]->refs++;
        nodes[index]->open_count++;
        if (slot + 1 > h.hi)
            h.hi = slot + 1;
    }
    if (strcmp(cwd, "/") != 0 && !(h.cwd = strdup(cwd))) {
        handles_release(&h);
        BAD("out of memory");
    }
    mpb_vfs_free(v);
    v->tree.root = nodes[0];
    v->tree.bytes = bytes;
    v->tree.count = count - 1;
    v->tree.next_ino = next_ino > max_ino ? next_ino : max_ino + 1;
    v->live = h;
    free(nodes);
    return 0;
fail:
    if (nn)
        node_unref(nodes[0]); /* the others hang below it */
    free(nodes);
    return -1;
}
