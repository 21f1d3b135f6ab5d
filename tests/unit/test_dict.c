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
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 10000);
    mpbox_session_limit(s, MPBOX_LIMIT_GRACE_MS, 100);
    return s;
}

/* A dict of 20000 str keys in a known order, then some deletes. */
static const char *build =
    "d = {}\n"
    "for i in range(20000, 0, -1): d['k%d' % i] = i\n"
    "for i in range(1, 20000, 3): del d['k%d' % i]\n"
    "small = {'z': 1, 'a': 2, 'm': 3}\n";
static const char *show =
    "print(len(d), list(d)[:3], list(d)[-2:], d['k20000'], d.get('k1'), d['k2'], list(small))\n";
static const char *shown = "13333 ['k20000', 'k19998', 'k19997'] ['k3', 'k2'] 20000 None 2 ['z', 'a', 'm']\n";

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
    mpbox_session_limit(s, MPBOX_LIMIT_TIMEOUT_MS, 10000);
    expect(s, show, shown);
    expect(s, "d['new'] = 1\ndel d['k20000']\nprint(list(d)[:2], list(d)[-1], len(d))",
           "['k19998', 'k19997'] new 13333\n");
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
        expect(loaded, "print(d.popitem(), len(d))", "('k2', 2) 13332\n");
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
    RUN(rollback_keeps_order);
    RUN(save_load_and_fork_keep_order);
    RUN(image_dicts_are_ordered);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
