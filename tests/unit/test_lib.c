/*
 * test_lib.c — the embedded compatibility library (lib/python compiled in
 * by tools/embed.c, served by host/vfs.c at /usr/lib/mpbox): its files read
 * back byte for byte, it cannot be written, it stays out of quotas, lists
 * and snapshots, forks share it, sys.path order lets /lib and mounts win,
 * and every module named in _preload.txt is in sys.modules from the start.
 * The expected values come from the generated table itself
 * (mpb_vfs_embedded), so the tests follow whatever lib/python holds.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"
#include "vfs.h"

static mpbox_runtime *rt;

static const char helpers[] = "import os, sys\n"
                              "L = '/usr/lib/mpbox'\n"
                              "def err(f, *a):\n"
                              "    try:\n"
                              "        f(*a)\n"
                              "    except OSError as e:\n"
                              "        return e.errno\n"
                              "    return 'ok'\n"
                              "def rd(p, m='r'):\n"
                              "    with open(p, m) as f:\n"
                              "        return f.read()\n";

static mpbox_session *session_with_helpers(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, helpers, "");
    return s;
}

static const mpb_vfs_lib_entry *first_file(void)
{
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++)
        if (!mpb_vfs_embedded.entries[i].is_dir)
            return &mpb_vfs_embedded.entries[i];
    return NULL;
}

/* A top-level module (NAME.py) that _preload.txt does not name, so that an
 * import of it goes through the file system; its name in out. */
static int plain_module(char *out, size_t cap)
{
    const mpb_vfs_lib_entry *pre = NULL;
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++)
        if (strcmp(mpb_vfs_embedded.entries[i].path, "_preload.txt") == 0)
            pre = &mpb_vfs_embedded.entries[i];
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++) {
        const char *p = mpb_vfs_embedded.entries[i].path;
        size_t n = strlen(p);
        if (strchr(p, '/') || n < 4 || n - 3 >= cap || strcmp(p + n - 3, ".py") != 0 || p[0] == '_')
            continue;
        memcpy(out, p, n - 3);
        out[n - 3] = 0;
        int listed = 0;
        if (pre) { /* a whole line equal to the name */
            const char *t = (const char *)pre->data, *end = t + pre->len;
            for (const char *l = t; l < end;) {
                const char *e = memchr(l, '\n', (size_t)(end - l));
                size_t len = e ? (size_t)(e - l) : (size_t)(end - l);
                if (len == n - 3 && memcmp(l, out, len) == 0)
                    listed = 1;
                l += len + 1;
            }
        }
        if (!listed)
            return 0;
    }
    return -1;
}

/* ---- the table ------------------------------------------------------------ */

static void table_is_sorted_and_has_the_preload_list(void)
{
    CHECK(mpb_vfs_embedded.count > 0);
    int preload = 0;
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++) {
        const mpb_vfs_lib_entry *e = &mpb_vfs_embedded.entries[i];
        CHECK(e->path[0] && e->path[0] != '/' && e->path[strlen(e->path) - 1] != '/');
        CHECK(e->is_dir ? e->data == NULL : e->data != NULL && e->data[e->len] == 0);
        if (i > 0)
            CHECK(strcmp(mpb_vfs_embedded.entries[i - 1].path, e->path) < 0); /* binary search relies on it */
        preload += strcmp(e->path, "_preload.txt") == 0;
    }
    CHECK(preload == 1);
}

/* ---- reading ----------------------------------------------------------------- */

static void reads_match_the_table(void)
{
    mpbox_session *s = session_with_helpers();
    /* every file, copied to the scratch area by the guest, equals its bytes */
    char src[1024];
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++) {
        const mpb_vfs_lib_entry *e = &mpb_vfs_embedded.entries[i];
        if (e->is_dir)
            continue;
        snprintf(src, sizeof src,
                 "d = rd(L + '/%s', 'rb')\n"
                 "st = os.stat(L + '/%s')\n"
                 "with open('/copy', 'wb') as f:\n"
                 "    f.write(d)\n"
                 "print(len(d) == st[6], oct(st[0]))\n",
                 e->path, e->path);
        expect(s, src, "True 0o100444\n");
        void *data = NULL;
        size_t len = 0;
        CHECK(mpbox_session_get_file(s, "/copy", &data, &len) == MPBOX_OK);
        CHECK(len == e->len && (len == 0 || memcmp(data, e->data, len) == 0));
        mpbox_free(data);
    }
    /* the listing of the root: the top-level entries, in order */
    char want[4096] = "[";
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++) {
        const char *p = mpb_vfs_embedded.entries[i].path;
        if (strchr(p, '/'))
            continue;
        size_t n = strlen(want);
        snprintf(want + n, sizeof want - n, "%s'%s'", n > 1 ? ", " : "", p);
    }
    size_t n = strlen(want);
    snprintf(want + n, sizeof want - n, "] 0o40555\n");
    expect(s, "print(os.listdir(L), oct(os.stat(L)[0]))\n", want);
    /* lookups that must fail as a file system's do; relative paths work */
    const mpb_vfs_lib_entry *f = first_file();
    snprintf(src, sizeof src,
             "print(err(os.stat, L + '/no_such_module.py'), err(os.stat, L + '/%s/x'), err(os.listdir, L + '/%s'))\n"
             "os.chdir(L)\n"
             "print(os.getcwd(), rd('%s', 'rb') == rd(L + '/./../mpbox/%s', 'rb'))\n"
             "os.chdir('/')\n",
             f->path, f->path, f->path, f->path);
    expect(s, src, "2 20 20\n/usr/lib/mpbox True\n");
    mpbox_session_free(s);
}

/* ---- read-only ------------------------------------------------------------------ */

static void cannot_be_changed(void)
{
    mpbox_session *s = session_with_helpers();
    const mpb_vfs_lib_entry *f = first_file();
    char src[2048];
    snprintf(src, sizeof src,
             "p = L + '/%s'\n"
             "before = rd(p, 'rb')\n"
             "open('/mine.txt', 'w').close()\n"
             "print([err(open, p, m) for m in ('w', 'a', 'r+', 'wb')])\n"
             "print(err(open, L + '/new.py', 'w'), err(os.mkdir, L + '/d'), err(os.mkdir, L))\n"
             "print(err(os.remove, p), err(os.rename, p, '/stolen'), err(os.rename, '/mine.txt', p))\n"
             "print(err(os.rmdir, L), err(os.rename, L, '/x'), err(os.remove, L))\n"
             "print(rd(p, 'rb') == before, os.statvfs(L)[0] > 0)\n",
             f->path);
    expect(s, src,
           "[13, 13, 13, 13]\n"
           "13 13 13\n"
           "13 13 13\n"
           "13 13 13\n"
           "True True\n");
    /* the embedder's calls refuse it too */
    char path[600];
    snprintf(path, sizeof path, "%s/%s", MPB_VFS_LIB_ROOT, f->path);
    void *data = NULL;
    size_t len = 0;
    CHECK(mpbox_session_put_file(s, path, "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(s, MPB_VFS_LIB_ROOT "/new.py", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_get_file(s, path, &data, &len) != MPBOX_OK);
    CHECK(mpbox_session_mount(s, "/tmp", MPB_VFS_LIB_ROOT "/inside") == MPBOX_MISUSE);
    mpbox_session_free(s);
}

/* ---- outside quotas, listings, checkpoints and snapshots ----------------------------- */

static void not_session_state(void)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++)
        total += mpb_vfs_embedded.entries[i].len;
    mpbox_session *s = session_with_helpers();
    /* a quota smaller than the library and two files: all of it is free */
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_BYTES, 100) >= 0);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_COUNT, 2) >= 0);
    CHECK(total > 100);
    const mpb_vfs_lib_entry *f = first_file();
    char src[1024];
    snprintf(src, sizeof src,
             "kept = open(L + '/%s', 'rb')\n"
             "head = kept.read(3)\n"
             "os.chdir(L)\n"
             "with open('/a', 'w') as g:\n"
             "    g.write('x' * 100)\n"
             "open('/b', 'w').close()\n"
             "print(err(open, '/c', 'w'))\n",
             f->path);
    expect(s, src, "28\n");
    CHECK(mpbox_session_list_files(s, NULL, NULL) == 2); /* /a and /b only */

    /* a fork shares the library and carries the open descriptor on */
    mpbox_session *c = NULL;
    CHECK(mpbox_session_fork(s, &c) == MPBOX_OK && c);
    if (c) {
        snprintf(src, sizeof src, "print(head + kept.read() == rd(L + '/%s', 'rb'), os.getcwd())\n", f->path);
        expect(c, src, "True /usr/lib/mpbox\n");
        mpbox_session_free(c);
    }

    /* a run that is rolled back restores the scratch area; the library is untouched */
    mpbox_result *r = NULL;
    const char *fails = "os.remove('/b')\nraise MemoryError\n"; /* out_of_memory: rolled back */
    CHECK(mpbox_run(s, fails, strlen(fails), &r) == MPBOX_OK);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, "print(sorted(os.listdir('/')), len(os.listdir(L)) > 0)\n", "['a', 'b'] True\n");

    /* the snapshot holds the root and the two files, and no descriptor:
     * nothing of the library */
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    const uint8_t *m = snap ? memmem(snap, len, "MPBVFS01", 8) : NULL;
    CHECK(m != NULL);
    if (m) {
        uint32_t nodes, fds;
        memcpy(&nodes, m + 8, 4);
        memcpy(&fds, m + 12, 4);
        CHECK(nodes == 3 && fds == 0);
    }
    mpbox_session *l = NULL;
    const char *why = NULL;
    CHECK(mpbox_session_load(rt, snap, len, &l, &why) == MPBOX_OK && l);
    if (l) {
        /* the library is there (from the build), the descriptor is not */
        expect(l, "print(os.getcwd(), sorted(os.listdir('/')), os.listdir('.') == os.listdir(L), err(kept.read))\n",
               "/usr/lib/mpbox ['a', 'b'] True 9\n");
        CHECK(mpbox_session_list_files(l, NULL, NULL) == 2);
        mpbox_session_free(l);
    }
    mpbox_free(snap);
    mpbox_session_free(s);
}

/* The file-system section of a bare vfs does not grow when library files
 * are open and read: they are not copied into session state. */
static void vfs_saves_no_library_bytes(void)
{
    mpb_vfs v;
    memset(&v, 0, sizeof v);
    size_t empty = mpb_vfs_save_size(&v);
    const mpb_vfs_lib_entry *f = first_file();
    char path[600];
    snprintf(path, sizeof path, "%s/%s", MPB_VFS_LIB_ROOT, f->path);
    mpb_vfs_arm(&v);
    int fd = mpb_vfs_open(&v, path, 0);
    CHECK(fd >= MPB_VFS_FIRST_FD);
    uint8_t buf[16];
    CHECK(mpb_vfs_read(&v, (uint32_t)fd, buf, sizeof buf) == (int64_t)(f->len < 16 ? f->len : 16));
    CHECK(memcmp(buf, f->data, f->len < 16 ? f->len : 16) == 0);
    CHECK(mpb_vfs_save_size(&v) == empty);
    mpb_vfs_st st;
    CHECK(mpb_vfs_fstat(&v, (uint32_t)fd, &st) == 0 && st.size == f->len && (st.mode & 0222) == 0);
    uint64_t pos = 0;
    CHECK(mpb_vfs_seek(&v, (uint32_t)fd, 0, 2, &pos) == 0 && pos == f->len);
    mpb_vfs_iov iov = {"x", 1};
    CHECK(mpb_vfs_write(&v, (uint32_t)fd, &iov, 1) < 0);
    mpb_vfs_rollback(&v); /* the open is undone */
    CHECK(mpb_vfs_read(&v, (uint32_t)fd, buf, 1) < 0);
    mpb_vfs_fsinfo fs;
    CHECK(mpb_vfs_statfs(&v, path, &fs) == 0 && fs.readonly);
    CHECK(mpb_vfs_stat(&v, "/usr", &st) < 0); /* parents are not made up */
    mpb_vfs_free(&v);
}

/* ---- sys.path order ------------------------------------------------------------------- */

static void lib_and_mounts_win(void)
{
    char name[256], src[1024], path[600];
    if (plain_module(name, sizeof name) != 0) {
        printf("    (no plain module in lib/python: skipped)\n");
        return;
    }
    mpbox_session *s = session_with_helpers();
    snprintf(src, sizeof src, "import %s\nprint(%s.__file__)\n", name, name);
    char want[600];
    snprintf(want, sizeof want, "/usr/lib/mpbox/%s.py\n", name);
    expect(s, src, want);
    mpbox_session_free(s);

    /* a file in /lib comes first */
    s = session_with_helpers();
    snprintf(path, sizeof path, "/lib/%s.py", name);
    CHECK(mpbox_session_put_file(s, path, "WHO = 'lib'\n", 12) == MPBOX_OK);
    snprintf(src, sizeof src, "import %s\nprint(%s.WHO)\n", name, name);
    expect(s, src, "lib\n");
    mpbox_session_free(s);

    /* a host directory mounted on /lib, or on the library's root, too */
    char dir[] = "/tmp/mpbox-lib-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/%s.py", dir, name);
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp) {
        fputs("WHO = 'mount'\n", fp);
        fclose(fp);
    }
    const char *points[] = {"/lib", MPB_VFS_LIB_ROOT};
    for (int i = 0; i < 2; i++) {
        s = session_with_helpers();
        CHECK(mpbox_session_mount(s, dir, points[i]) == MPBOX_OK);
        expect(s, src, "mount\n");
        mpbox_session_free(s);
    }
    unlink(path);
    rmdir(dir);
}

/* ---- preloaded modules ------------------------------------------------------------------ */

static void preloaded_modules_are_there(void)
{
    const mpb_vfs_lib_entry *pre = NULL;
    for (uint32_t i = 0; i < mpb_vfs_embedded.count; i++)
        if (strcmp(mpb_vfs_embedded.entries[i].path, "_preload.txt") == 0)
            pre = &mpb_vfs_embedded.entries[i];
    CHECK(pre != NULL);
    if (!pre)
        return;
    mpbox_session *s = new_session(rt);
    /* the guest reads the same list the image was built from */
    expect(s,
           "import sys\n"
           "bad = []\n"
           "for line in open('/usr/lib/mpbox/_preload.txt').read().split('\\n'):\n"
           "    n = line.split('#')[0].strip()\n"
           "    m = sys.modules.get(n)\n"
           "    if n and not getattr(m, '__file__', '').startswith('/usr/lib/mpbox/'):\n"
           "        bad.append(n)\n"
           "print('not preloaded (exec the file to see why):', bad)\n",
           "not preloaded (exec the file to see why): []\n");
    mpbox_session_free(s);
}

/* The preload must not make the start-up image depend on the moment it is
 * built (a scratch file's modification time left in guest memory did):
 * a session saved under one runtime loads under another built later. */
static void image_is_reproducible(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, "import sys\nn = len(sys.modules)\n", "");
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    mpbox_session_free(s);
    usleep(1100 * 1000); /* into another second of the clock */
    mpbox_runtime *rt2 = NULL;
    CHECK(mpbox_runtime_new(&rt2) == MPBOX_OK);
    mpbox_session *l = NULL;
    const char *why = NULL;
    int rc = rt2 && snap ? mpbox_session_load(rt2, snap, len, &l, &why) : MPBOX_ERROR;
    CHECK(rc == MPBOX_OK);
    if (rc != MPBOX_OK && why)
        printf("    load: %s\n", why);
    if (l) {
        expect(l, "print(n == len(sys.modules))\n", "True\n");
        mpbox_session_free(l);
    }
    mpbox_free(snap);
    mpbox_runtime_free(rt2);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        return 1;
    }
    RUN(table_is_sorted_and_has_the_preload_list);
    RUN(reads_match_the_table);
    RUN(cannot_be_changed);
    RUN(not_session_state);
    RUN(vfs_saves_no_library_bytes);
    RUN(lib_and_mounts_win);
    RUN(preloaded_modules_are_there);
    RUN(image_is_reproducible);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
