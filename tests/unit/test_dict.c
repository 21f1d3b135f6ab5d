/*
 * test_dict.c — ordered dicts (host/map.c) across the session machinery:
 * a rollback, a saved and loaded session and a fork each keep insertion
 * order and working lookups, including a dict whose index was being grown
 * when the run was stopped; dicts made by the start-up image are ordered.
 */
#include <stdint.h>

#include "check.h"
#include "session.h"
#include "mpbox.h"

static mpbox_runtime *rt;

static mpbox_session *session(void)
{
    mpbox_session *s = NULL;
    CHECK(mpbox_session_new(rt, &s) == MPBOX_OK);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(10000));
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 100);
    return s;
}

/* A dict of KEYS str keys in a known order, then some deletes (every
 * third key from k1): KEYS - (KEYS + 1) / 3 are left. Under collection
 * stress 2000 keys (each allocation scans the dict). */
#define KEYS UNDER_GC_STRESS(20000, 2000)
static char build[160], show[128], shown[128], after_new[64];

static void make_programs(void)
{
    int n = KEYS, left = KEYS - (KEYS + 1) / 3;
    snprintf(build, sizeof build,
             "d = {}\n"
             "for i in range(%d, 0, -1): d['k%%d' %% i] = i\n"
             "for i in range(1, %d, 3): del d['k%%d' %% i]\n"
             "small = {'z': 1, 'a': 2, 'm': 3}\n",
             n, n);
    snprintf(show, sizeof show,
             "print(len(d), list(d)[:3], list(d)[-2:], d['k%d'], d.get('k1'), d['k2'], list(small))\n", n);
    snprintf(shown, sizeof shown, "%d ['k%d', 'k%d', 'k%d'] ['k3', 'k2'] %d None 2 ['z', 'a', 'm']\n", left, n,
             n - 2, n - 3, n);
    snprintf(after_new, sizeof after_new, "['k%d', 'k%d'] new %d\n", n - 2, n - 3, left);
}

static void rollback_keeps_order(void)
{
    mpbox_session *s = session();
    expect(s, build, "");
    /* grows d (new tables, a new index) until a hard stop, which may land
     * inside the host's lookup: everything is rolled back */
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 300);
    mpbox_result *r = NULL;
    const char *grow = "small['q'] = 0\ni = 0\nwhile True:\n    try:\n        while True:\n"
                       "            d['x%d' % i] = i\n            d.pop('k%d' % (i % 20000), None)\n            i += 1\n"
                       "    except KeyboardInterrupt:\n        pass\n";
    CHECK(mpbox_run(s, grow, strlen(grow), &r) == MPBOX_OK);
    CHECK(mpbox_result_session_state(r) == MPBOX_SESSION_ROLLED_BACK);
    mpbox_result_free(r);
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, STRESS_MS(10000));
    expect(s, show, shown);
    char add_new[80];
    snprintf(add_new, sizeof add_new, "d['new'] = 1\ndel d['k%d']\nprint(list(d)[:2], list(d)[-1], len(d))", KEYS);
    expect(s, add_new, after_new);
    mpbox_session_free(s);
}

static void save_load_and_fork_keep_order(void)
{
    mpbox_session *s = session();
    expect(s, build, "");
    void *data = NULL;
    size_t len = 0;
    CHECK(mpbox_session_save(s, &data, &len) == MPBOX_OK);
    mpbox_session *loaded = NULL;
    CHECK(mpbox_session_load(rt, data, len, &loaded, NULL) == MPBOX_OK);
    mpbox_free(data);
    mpbox_session *fork = NULL;
    CHECK(mpbox_session_fork(s, &fork) == MPBOX_OK);
    if (loaded && fork) {
        expect(loaded, show, shown);
        expect(fork, show, shown);
        /* each copy goes its own way */
        expect(fork, "d.clear()\nsmall['b'] = 0\nprint(len(d), list(small))", "0 ['z', 'a', 'm', 'b']\n");
        char popped[32];
    snprintf(popped, sizeof popped, "('k2', 2) %d\n", KEYS - (KEYS + 1) / 3 - 1);
    expect(loaded, "print(d.popitem(), len(d))", popped);
        expect(fork, "print(len(d), d.get('k2'))", "0 None\n");
        expect(s, show, shown);
    }
    mpbox_session_free(loaded);
    mpbox_session_free(fork);
    mpbox_session_free(s);
}

static void image_dicts_are_ordered(void)
{
    /* module dicts come from the start-up image */
    mpbox_session *s = session();
    expect(s, "import json\nprint(json.dumps({'b': 1, 'a': [2, {'y': 3, 'x': 4}]}))\n",
           "{\"b\": 1, \"a\": [2, {\"y\": 3, \"x\": 4}]}\n");
    /* the module dict of __main__ (made by the image) keeps the order of assignment */
    expect(s, "zz = 1\naa = 2\ng = [k for k in globals() if not k.startswith('__')]\nprint(g[-3:])",
           "['json', 'zz', 'aa']\n");
    mpbox_session_free(s);
}

int main(void)
{
    CHECK(mpbox_runtime_new(&rt) == MPBOX_OK);
    make_programs();
    RUN(rollback_keeps_order);
    RUN(save_load_and_fork_keep_order);
    RUN(image_dicts_are_ordered);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
