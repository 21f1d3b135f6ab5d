/*
 * test_files.c — the session file system (host/vfs.c) through Python and
 * the public API: file use from Python, quotas, persistence across runs,
 * rollback, fork, snapshots, isolation between (concurrent) sessions, the
 * put/get/list API, and a corpus of escape attempts against a read-only
 * mount of a temporary host directory.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static const char helpers[] =
    "import os\n"
    "def err(f, *a):\n"
    "    try:\n"
    "        f(*a)\n"
    "    except OSError as e:\n"
    "        return e.errno\n"
    "    return 'ok'\n"
    "def rd(p, m='r'):\n"
    "    with open(p, m) as f:\n"
    "        return f.read()\n"
    "def wr(p, d, m='w'):\n"
    "    with open(p, m) as f:\n"
    "        f.write(d)\n";

static mpbox_session *session_with_helpers(void)
{
    mpbox_session *s = new_session(rt);
    expect(s, helpers, "");
    return s;
}

/* ---- Python-level use ---------------------------------------------------- */

static void python_files(void)
{
    mpbox_session *s = session_with_helpers();
    expect(s,
           "wr('a.txt', 'one\\ntwo\\nthree\\n')\n"
           "print(rd('a.txt') == 'one\\ntwo\\nthree\\n', rd('/a.txt', 'rb'))\n"
           "with open('a.txt') as f:\n"
           "    print(repr(f.readline()), [l for l in f])\n"
           "wr('a.txt', 'four\\n', 'a')\n"
           "print(rd('a.txt').split())\n"
           "with open('a.txt', 'r+') as f:\n"
           "    f.seek(4)\n"
           "    f.write('TWO')\n"
           "    print(f.tell())\n"
           "    f.seek(0)\n"
           "    print(f.read(7))\n"
           "    f.seek(0, 2)\n"
           "    print(f.tell())\n"
           "wr('b.bin', bytes(range(256)), 'wb')\n"
           "print(rd('b.bin', 'rb') == bytes(range(256)), os.stat('b.bin')[6])\n"
           "with open('w.txt', 'w+') as f:\n"
           "    f.write('xyz')\n"
           "    f.seek(1)\n"
           "    print(f.read())\n"
           "print(err(open, 'nope.txt'), err(open, 'nope.txt', 'x'))\n"
           "print(err(open, '/'), err(open, 'a.txt/'))\n",
           "True b'one\\ntwo\\nthree\\n'\n"
           "'one\\n' ['two\\n', 'three\\n']\n"
           "['one', 'two', 'three', 'four']\n"
           "7\none\nTWO\n19\n"
           "True 256\n"
           "yz\n"
           "2 2\n1 20\n");
    /* directories */
    expect(s,
           "os.mkdir('d')\n"
           "os.mkdir('/d/e')\n"
           "wr('d/e/f.txt', 'deep')\n"
           "print(sorted(os.listdir()), os.listdir('d'), os.listdir('/d/e'))\n"
           "print([(n, t) for n, t, *_ in os.ilistdir('d')])\n"
           "st = os.stat('d')\n"
           "print(st[0] & 0o170000 == 0o040000, os.stat('d/e/f.txt')[0] & 0o170000 == 0o100000)\n"
           "print(err(os.mkdir, 'd'), err(os.rmdir, 'd'), err(os.remove, 'd'), err(os.rmdir, 'a.txt'))\n"
           "os.chdir('d')\n"
           "print(os.getcwd(), rd('e/f.txt'), rd('../a.txt')[:3])\n"
           "os.chdir('e/..//e/.')\n"
           "print(os.getcwd())\n"
           "os.rename('f.txt', '/d/g.txt')\n"
           "print(os.listdir(), os.listdir('/d'))\n"
           "os.chdir('/')\n"
           "os.rename('d', 'dd')\n"
           "print(sorted(os.listdir()), rd('dd/g.txt'))\n"
           "print(err(os.rename, 'dd', 'dd/e/x'), err(os.rename, 'nope', 'x'))\n"
           "os.rename('a.txt', 'b.bin')\n"
           "print(rd('b.bin')[:3])\n"
           "os.remove('dd/g.txt')\n"
           "os.rmdir('dd/e')\n"
           "os.rmdir('dd')\n"
           "print(sorted(os.listdir('/')))\n"
           "print(err(os.chdir, 'w.txt'), err(os.stat, 'nope'), err(os.listdir, 'w.txt'))\n"
           "print(os.statvfs('/')[0], os.statvfs('/')[2] == 64 * 256)\n",
           "['a.txt', 'b.bin', 'd', 'w.txt'] ['e'] ['f.txt']\n"
           "[('e', 16384)]\n"
           "True True\n"
           "17 39 21 20\n"
           "/d deep one\n"
           "/d/e\n"
           "[] ['e', 'g.txt']\n"
           "['a.txt', 'b.bin', 'dd', 'w.txt'] deep\n"
           "22 2\n"
           "one\n"
           "['b.bin', 'w.txt']\n"
           "20 2 20\n"
           "4096 True\n");
    /* modules the program writes, in the working directory and in sys.path */
    expect(s,
           "wr('mymod.py', 'X = 41\\ndef f():\\n    return X + 1\\n')\n"
           "import mymod\n"
           "print(mymod.f())\n"
           "os.mkdir('/lib')\n"
           "os.mkdir('/lib/pkg')\n"
           "wr('/lib/pkg/__init__.py', 'Y = 7\\n')\n"
           "wr('/lib/pkg/sub.py', 'from pkg import Y\\nZ = Y * 6\\n')\n"
           "from pkg import sub\n"
           "print(sub.Z)\n",
           "42\n42\n");
    mpbox_session_free(s);
}

/* Descriptors: the table is bounded; closing frees entries. */
static void descriptors(void)
{
    mpbox_session *s = session_with_helpers();
    expect(s,
           "wr('f', 'x')\n"
           "fs = []\n"
           "try:\n"
           "    for i in range(1000):\n"
           "        fs.append(open('f'))\n"
           "except OSError as e:\n"
           "    print(len(fs), e.errno)\n"
           "for f in fs:\n"
           "    f.close()\n"
           "fs = None\n"
           "for i in range(600):\n"
           "    with open('f') as f:\n"
           "        f.read()\n"
           "print('ok')\n",
           "256 24\nok\n");
    /* a file removed while open stays readable through its descriptor */
    expect(s,
           "wr('g', 'still here')\n"
           "f = open('g')\n"
           "os.remove('g')\n"
           "print(err(os.stat, 'g'), f.read())\n"
           "f.close()\n",
           "2 still here\n");
    mpbox_session_free(s);
}

/* ---- quotas ----------------------------------------------------------------- */

static void quotas(void)
{
    mpbox_session *s = session_with_helpers();
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_BYTES, 1000) >= 0);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_COUNT, 4) >= 0);
    expect(s,
           "wr('a', 'x' * 600)\n"
           "print(err(wr, 'b', 'y' * 600), os.stat('b')[6])\n"
           "f = open('a', 'a')\n"
           "print(err(f.write, 'z' * 401), err(f.write, 'z' * 400))\n"
           "f.close()\n"
           "print(os.stat('a')[6], err(wr, 'a', 'q' * 1000), os.stat('a')[6])\n"
           "print(err(wr, 'a', 'q' * 1001), os.stat('a')[6])\n"
           "os.mkdir('d')\n"
           "print(err(os.mkdir, 'e'), err(wr, 'c', ''), err(os.mkdir, 'f'))\n"
           "os.remove('b')\n"
           "print(err(os.mkdir, 'f'))\n"
           "print(os.statvfs('/')[4], os.statvfs('/')[7])\n",
           "28 0\n28 ok\n1000 ok 1000\n28 0\nok 28 28\nok\n0 0\n");
    /* the embedder's puts count too */
    CHECK(mpbox_session_put_file(s, "/big", "x", 1) == MPBOX_ERROR);
    CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FILES_COUNT, 100) >= 0);
    char buf[2000];
    memset(buf, 'k', sizeof buf);
    CHECK(mpbox_session_put_file(s, "/big", buf, sizeof buf) == MPBOX_ERROR);
    CHECK(mpbox_session_put_file(s, "/small", buf, 0) == MPBOX_OK);
    mpbox_session_free(s);
}

/* ---- runs, rollback, fork, snapshots ------------------------------------- */

static void across_runs_and_rollback(void)
{
    mpbox_session *s = session_with_helpers();
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 300);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 50);
    expect(s, "wr('keep.txt', 'v1')\nwr('gone.txt', 'old')\nkeep = open('keep.txt')\n", "");
    expect(s, "print(rd('keep.txt'))\n", "v1\n");
    /* a run that ends in a timeout is rolled back, files included */
    mpbox_result *r = run_in(s,
                          "wr('keep.txt', 'v2')\n"
                          "wr('new.txt', 'n')\n"
                          "os.remove('gone.txt')\n"
                          "os.mkdir('newdir')\n"
                          "os.chdir('newdir')\n"
                          "keep.read()\n"
                          "x = 3\n"
                          "x = x ** 100000000\n"); /* C-level work: a hard stop */
    CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_TIMEOUT);
    CHECK(r && mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    expect(s, "print(os.getcwd(), sorted(os.listdir()), rd('keep.txt'), rd('gone.txt'), keep.read())\n",
           "/ ['gone.txt', 'keep.txt'] v1 old v1\n");
    /* a run that only reads keeps everything as it is */
    expect(s, "print(rd('gone.txt'))\n", "old\n");
    /* a kept run after a rollback works on the restored state */
    expect(s, "wr('gone.txt', 'newer')\nprint(rd('gone.txt'))\n", "newer\n");
    mpbox_session_free(s);
}

static void fork_and_snapshot(void)
{
    mpbox_session *s = session_with_helpers();
    expect(s, "os.mkdir('d')\nwr('d/f.txt', 'forked')\nos.chdir('d')\nf = open('f.txt')\nprint(f.read(2))\n",
           "fo\n");
    mpbox_session *c = NULL;
    CHECK(mpbox_session_fork(s, &c) == MPBOX_OK && c);
    if (c) {
        expect(c, "print(os.getcwd(), rd('f.txt'), f.read())\nwr('only_child', 'c')\n", "/d forked rked\n");
        expect(s, "print(sorted(os.listdir()), f.read())\n", "['f.txt'] rked\n");
        mpbox_session_free(c);
    }
    void *snap = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    mpbox_session *l = NULL;
    const char *why = NULL;
    CHECK(mpbox_session_load(rt, snap, len, &l, &why) == MPBOX_OK && l);
    if (l) {
        expect(l, "f.seek(0)\nprint(os.getcwd(), rd('f.txt'), f.read(), os.listdir('/'))\n",
               "/d forked forked ['d']\n");
        mpbox_session_free(l);
    }
    /* a damaged file-system section is refused */
    if (snap && len > 100) {
        uint8_t *copy = malloc(len);
        memcpy(copy, snap, len);
        /* the section's node count (after "MPBVFS01"): find the magic */
        uint8_t *m = memmem(copy, len, "MPBVFS01", 8);
        CHECK(m != NULL);
        if (m) {
            uint32_t huge = 0x7fffffff;
            memcpy(m + 8, &huge, 4);
            CHECK(mpbox_session_load(rt, copy, len, &l, &why) == MPBOX_SNAPSHOT);
        }
        free(copy);
    }
    mpbox_free(snap);
    mpbox_session_free(s);
}

/* ---- isolation --------------------------------------------------------------- */

static void two_sessions_isolated(void)
{
    mpbox_session *a = session_with_helpers(), *b = session_with_helpers();
    expect(a, "wr('secret', 'A')\nos.mkdir('onlya')\n", "");
    expect(b, "print(os.listdir('/'), err(open, 'secret'), err(os.stat, '/onlya'))\n", "[] 2 2\n");
    mpbox_session_free(a);
    mpbox_session_free(b);
}

struct worker {
    int id, ok;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    mpbox_session *s = NULL;
    if (mpbox_session_new(rt, &s) != MPBOX_OK)
        return NULL;
    char src[512];
    snprintf(src, sizeof src,
             "import os\n"
             "me = '%d'\n"
             "for i in range(50):\n"
             "    with open('f%%d' %% i, 'w') as f:\n"
             "        f.write(me * 100)\n"
             "bad = [n for n in os.listdir('/') if open(n).read() != me * 100]\n"
             "print(len(os.listdir('/')), bad)\n",
             w->id);
    w->ok = 1;
    for (int round = 0; round < 5; round++) {
        mpbox_result *r = NULL;
        if (mpbox_run(s, src, strlen(src), &r) != MPBOX_OK || !r) {
            w->ok = 0;
            break;
        }
        const char *out = mpbox_result_stdout(r, NULL);
        if (mpbox_result_status(r) != MPBOX_STATUS_OK || !out || strcmp(out, "50 []\n") != 0)
            w->ok = 0;
        mpbox_result_free(r);
    }
    void *data = NULL;
    size_t len = 0;
    if (mpbox_session_get_file(s, "/f7", &data, &len) != MPBOX_OK || len != 100 ||
        ((char *)data)[0] != '0' + w->id)
        w->ok = 0;
    mpbox_free(data);
    mpbox_session_free(s);
    return NULL;
}

static void concurrent_sessions_isolated(void)
{
    pthread_t t[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i].id = i;
        w[i].ok = 0;
        CHECK(pthread_create(&t[i], NULL, worker_main, &w[i]) == 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(w[i].ok);
    }
}

/* ---- the embedder's API -------------------------------------------------------- */

struct listing {
    char text[1024];
};

static void collect(void *user, const char *path, size_t size)
{
    struct listing *l = user;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%s:%zu ", path, size);
}

static void put_get_list(void)
{
    mpbox_session *s = session_with_helpers();
    CHECK(mpbox_session_put_file(s, "/data/in/numbers.txt", "1 2 3", 5) == MPBOX_OK);
    CHECK(mpbox_session_put_file(s, "/tool.py", "def go():\n    return 'went'\n", 28) == MPBOX_OK);
    CHECK(mpbox_session_put_file(s, "relative.txt", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(s, "/data", "x", 1) == MPBOX_MISUSE); /* a directory */
    CHECK(mpbox_session_put_file(s, "/data/in/numbers.txt/x", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(s, "/", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(s, "/bad\nname", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(NULL, "/x", "x", 1) == MPBOX_MISUSE);
    CHECK(mpbox_session_put_file(s, "/x", NULL, 1) == MPBOX_MISUSE);
    expect(s,
           "import tool\n"
           "n = sum(int(x) for x in rd('/data/in/numbers.txt').split())\n"
           "os.mkdir('/out')\n"
           "wr('/out/result.txt', str(n))\n"
           "print(tool.go(), n)\n",
           "went 6\n");
    void *data = NULL;
    size_t len = 0;
    CHECK(mpbox_session_get_file(s, "/out/result.txt", &data, &len) == MPBOX_OK && len == 1 &&
          memcmp(data, "6", 1) == 0);
    mpbox_free(data);
    CHECK(mpbox_session_get_file(s, "/out//./result.txt", &data, &len) == MPBOX_OK && len == 1);
    mpbox_free(data);
    CHECK(mpbox_session_get_file(s, "/nope", &data, &len) == MPBOX_ERROR && data == NULL);
    CHECK(mpbox_session_get_file(s, "/out", &data, &len) == MPBOX_ERROR);
    CHECK(mpbox_session_get_file(s, "out/result.txt", &data, &len) == MPBOX_MISUSE);
    struct listing l = {{0}};
    CHECK(mpbox_session_list_files(s, collect, &l) == 3);
    CHECK_STR(l.text, "/data/in/numbers.txt:5 /out/result.txt:1 /tool.py:28 ");
    CHECK(mpbox_session_list_files(s, NULL, NULL) == 3);
    CHECK(mpbox_session_list_files(NULL, NULL, NULL) == -1);
    /* replacing a file */
    CHECK(mpbox_session_put_file(s, "/tool.py", "", 0) == MPBOX_OK);
    CHECK(mpbox_session_get_file(s, "/tool.py", &data, &len) == MPBOX_OK && len == 0);
    mpbox_free(data);
    mpbox_session_free(s);
}

/* ---- mounts and the escape corpus ------------------------------------------- */

static char tmpdir[256];

static void put_host_file(const char *rel, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
    FILE *f = fopen(p, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void host_link(const char *target, const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, rel);
    if (symlink(target, p) != 0)
        printf("    symlink %s failed\n", rel);
}

static int make_tree(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mpbox-files-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char p[512];
    put_host_file("outside.txt", "SECRET-OUTSIDE\n");
    snprintf(p, sizeof p, "%s/mnt", tmpdir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/mnt/sub", tmpdir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/mnt/sub/deeper", tmpdir);
    mkdir(p, 0755);
    put_host_file("mnt/file.txt", "inside\n");
    put_host_file("mnt/sub/inner.txt", "inner\n");
    host_link("/etc/passwd", "mnt/abs_link");
    host_link("../outside.txt", "mnt/rel_out");
    host_link("../../outside.txt", "mnt/sub/rel_out2");
    host_link("../../../../../../../../etc/passwd", "mnt/sub/deeper/far_out");
    host_link("loop2", "mnt/loop1");
    host_link("loop1", "mnt/loop2");
    host_link("..", "mnt/dir_out");
    host_link("/etc", "mnt/dir_out_abs");
    host_link("/proc/self/root", "mnt/proc_root");
    host_link("/proc/self/cwd", "mnt/proc_cwd");
    host_link("sub/inner.txt", "mnt/ok_link");
    snprintf(p, sizeof p, "%s/mnt/fifo", tmpdir);
    mkfifo(p, 0644);
    return 0;
}

static void remove_tree(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("    could not remove %s\n", tmpdir);
}

static void mount_reads_and_refuses_writes(void)
{
    mpbox_session *s = session_with_helpers();
    char p[512];
    snprintf(p, sizeof p, "%s/mnt", tmpdir);
    CHECK(mpbox_session_mount(s, p, NULL) == MPBOX_OK);
    CHECK(mpbox_session_mount(s, p, "/input") == MPBOX_MISUSE); /* mounted already */
    CHECK(mpbox_session_mount(s, p, "/") == MPBOX_MISUSE);
    CHECK(mpbox_session_mount(s, p, "rel") == MPBOX_MISUSE);
    CHECK(mpbox_session_mount(s, "/nonexistent-dir-xyz", "/x") == MPBOX_ERROR);
    snprintf(p, sizeof p, "%s/outside.txt", tmpdir);
    CHECK(mpbox_session_mount(s, p, "/x") == MPBOX_ERROR); /* not a directory */
    snprintf(p, sizeof p, "%s/mnt/sub", tmpdir);
    CHECK(mpbox_session_mount(s, p, "/data/sub") == MPBOX_OK);
    CHECK(mpbox_session_put_file(s, "/input/new", "x", 1) == MPBOX_MISUSE);
    expect(s,
           "print(rd('/input/file.txt'), rd('/input/ok_link'), rd('/input/sub/inner.txt'), rd('/data/sub/inner.txt'))\n"
           "print(sorted(os.listdir('/')), os.listdir('/data'))\n"
           "print(sorted(os.listdir('/input')))\n"
           "print(os.stat('/input/file.txt')[6], os.stat('/input')[0] & 0o170000 == 0o040000)\n"
           "os.chdir('/input/sub')\n"
           "print(os.getcwd(), rd('inner.txt'), rd('../file.txt'))\n"
           "os.chdir('/')\n"
           "with open('/input/file.txt', 'rb') as f:\n"
           "    f.seek(2)\n"
           "    print(f.read(2), f.tell())\n"
           "import errno\n"
           "A = errno.EACCES\n"
           "print([err(f, *a) == A for f, *a in [\n"
           "    (wr, '/input/new', 'x'), (wr, '/input/file.txt', 'x'), (wr, '/input/file.txt', 'x', 'a'),\n"
           "    (open, '/input/file.txt', 'r+'), (os.mkdir, '/input/d'), (os.remove, '/input/file.txt'),\n"
           "    (os.rename, '/input/file.txt', '/input/x'), (os.rename, '/input/file.txt', '/x'),\n"
           "    (os.rmdir, '/input/sub'), (os.rmdir, '/input'), (os.remove, '/input'),\n"
           "    (os.mkdir, '/input'), (wr, '/input/sub/n', 'x')]])\n"
           "wr('/mine', 'm')\n"
           "print(err(os.rename, '/mine', '/input/mine') == A, err(os.rename, '/data', '/d2'), err(os.rmdir, '/data'))\n"
           "print(os.statvfs('/input')[8] & 1, os.statvfs('/')[8] & 1)\n",
           "inside\n inner\n inner\n inner\n\n"
           "['data', 'input'] ['sub']\n"
           "['abs_link', 'dir_out', 'dir_out_abs', 'fifo', 'file.txt', 'loop1', 'loop2', 'ok_link', 'proc_cwd', "
           "'proc_root', 'rel_out', 'sub']\n"
           "7 True\n"
           "/input/sub inner\n inside\n\n"
           "b'si' 4\n"
           "[True, True, True, True, True, True, True, True, True, True, True, True, True]\n"
           "True 16 39\n"
           "1 0\n");
    /* reads from the host into guest pages that checkpoint tracking keeps
     * write-protected (heap pages of earlier runs) */
    {
        char big[512];
        snprintf(big, sizeof big, "%s/mnt/big.bin", tmpdir);
        FILE *bf = fopen(big, "wb");
        for (int i = 0; bf && i < 300000; i++)
            fputc(i % 251, bf);
        if (bf)
            fclose(bf);
        expect(s, "keep = bytearray(300000)\n", "");
        for (int i = 0; i < 12; i++) /* its pages go back to read-only */
            expect(s, "pass\n", "");
        expect(s,
               "with open('/input/big.bin', 'rb') as f:\n"
               "    n = f.readinto(keep)\n"
               "print(n, all(keep[i] == i % 251 for i in range(0, 300000, 997)))\n",
               "300000 True\n");
        unlink(big);
    }
    /* nothing changed on the host */
    struct stat st;
    snprintf(p, sizeof p, "%s/mnt/new", tmpdir);
    CHECK(stat(p, &st) != 0);
    snprintf(p, sizeof p, "%s/mnt/file.txt", tmpdir);
    CHECK(stat(p, &st) == 0 && st.st_size == 7);
    /* a fork keeps the mounts; a snapshot does not (the mount point stays
     * as an empty directory) */
    mpbox_session *c = NULL;
    CHECK(mpbox_session_fork(s, &c) == MPBOX_OK);
    if (c)
        expect(c, "print(rd('/input/file.txt'))\n", "inside\n\n");
    mpbox_session_free(c);
    void *snap = NULL;
    size_t len = 0;
    mpbox_session *l = NULL;
    CHECK(mpbox_session_save(s, &snap, &len) == MPBOX_OK);
    CHECK(mpbox_session_load(rt, snap, len, &l, NULL) == MPBOX_OK);
    if (l)
        expect(l, "print(os.listdir('/input'), err(open, '/input/file.txt'))\n", "[] 2\n");
    mpbox_session_free(l);
    mpbox_free(snap);
    mpbox_session_free(s);
}

/* Every attempt must fail with an OSError; no read may ever return content
 * from outside the mounted directory. */
static void escape_corpus(void)
{
    mpbox_session *s = session_with_helpers();
    char p[512];
    snprintf(p, sizeof p, "%s/mnt", tmpdir);
    CHECK(mpbox_session_mount(s, p, "/input") == MPBOX_OK);
    expect(s,
           "leak = []\n"
           "def attempt(f, *a):\n"
           "    try:\n"
           "        v = f(*a)\n"
           "    except OSError as e:\n"
           "        return 'E'\n"
           "    except (ValueError, TypeError) as e:\n"
           "        return 'V'\n"
           "    s = repr(v)\n"
           "    if 'SECRET' in s or 'root:' in s or 'mpbox-files' in s:\n"
           "        leak.append((a, s[:60]))\n"
           "    return 'ok'\n"
           "def ls(p): return os.listdir(p)\n"
           "def rdb(p): return rd(p, 'rb')\n"
           "paths = ['/input/../outside.txt', '/input/../../etc/passwd', '../outside.txt', '/../outside.txt',\n"
           "    '/input/abs_link', '/input/rel_out', '/input/sub/rel_out2', '/input/sub/deeper/far_out',\n"
           "    '/input/loop1', '/input/loop2', '/input/dir_out/outside.txt', '/input/dir_out/mnt/file.txt',\n"
           "    '/input/dir_out_abs/passwd', '/input/proc_root/etc/passwd', '/input/proc_cwd',\n"
           "    '/input/proc_root', '/proc/self/root/etc/passwd', '/etc/passwd',\n"
           "    '/input/file.txt/', '/input/file.txt/.', '/input/sub/..//../outside.txt',\n"
           "    '/input/abs_link/', '/input/dir_out/', '/input/dir_out_abs/',\n"
           "    '/input/' + '../' * 1400 + 'etc/passwd', '/input/' + 'a/' * 2500, '/' + 'x' * 5000,\n"
           "    '/input/' + 'sub/../' * 700 + 'rel_out', '/input/\\x01../outside.txt',\n"
           "    '/input/nope\\x00/../../outside.txt', '/input/x\\x00', b'/input/rel_out', b'/input/../outside.txt']\n"
           "res = {}\n"
           "for p in paths:\n"
           "    for f in (rd, rdb, os.stat, ls, os.chdir):\n"
           "        r = attempt(f, p)\n"
           "        os.chdir('/')\n"
           "        res[r] = res.get(r, 0) + 1\n"
           "        if r == 'ok':\n"
           "            print('ok', f, repr(p)[:40])\n"
           "print(sorted(res.items()), leak)\n"
           "print(attempt(rd, '/input/fifo'), attempt(ls, '/input/fifo'))  # never blocks\n"
           "os.chdir('/input/sub')\n"
           "print([attempt(rd, q) for q in ('../../outside.txt', '../rel_out', 'rel_out2', '../../../etc/passwd')], leak)\n",
           /* the two paths with a NUL: ValueError, as CPython (5 calls each) */
           "[('E', 155), ('V', 10)] []\nE E\n"
           "['E', 'E', 'E', 'E'] []\n");
    mpbox_session_free(s);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        return 1;
    }
    RUN(python_files);
    RUN(descriptors);
    RUN(quotas);
    RUN(across_runs_and_rollback);
    RUN(fork_and_snapshot);
    RUN(two_sessions_isolated);
    RUN(concurrent_sessions_isolated);
    RUN(put_get_list);
    if (make_tree() == 0) {
        RUN(mount_reads_and_refuses_writes);
        RUN(escape_corpus);
        remove_tree();
    } else {
        printf("FAIL setup: temporary directory\n");
        check_failed_cases++;
    }
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
