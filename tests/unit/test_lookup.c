/*
 * test_lookup.c — name and key lookups: the lookup cache that guest/map
 * puts in front of mp_map_lookup (positions of interned names and small
 * ints, in guest memory) and the qstr hashes that host/qstr.c reads from
 * the guest's pools for host/map.c and host/set.c.
 *
 * Checked here: every qstr's hash as the host reads it is MicroPython's
 * (djb2 of its bytes, computed here) and is the one a plain walk of the
 * pools finds, from every pool of a session (static, start-up image,
 * made at run time); damaged pools give an error, not a crash or a hang;
 * strings interned after they were made find and are found by their
 * interned twins in dicts, sets and attributes; lookups after deletions,
 * re-insertions, shadowing and ordered-map shifts answer what CPython
 * answers (a cached position that went stale only misses); and the same
 * lookup-heavy program uses the same fuel in fresh, forked, loaded and
 * rolled-back sessions, whose caches were filled with other positions by
 * runs that went away. Speed is measured by bench/ (docs/benchmarks.md).
 */
#include <stdint.h>

#include "check.h"
#include "core.h"
#include "qstr.h"
#include "session.h"

static mpbox_runtime *rt;

/* ---- qstr hashes read by the host ----------------------------------- */

/* MicroPython's qstr hash: djb2 over the bytes, low 16 bits, 0 made 1. */
static uint32_t djb2_16(const uint8_t *s, uint32_t len)
{
    uint32_t h = 5381;
    for (uint32_t i = 0; i < len; i++)
        h = (h * 33) ^ s[i];
    h &= 0xffff;
    return h ? h : 1;
}

static uint32_t u32_at(const wasm_rt_memory_t *m, uint32_t addr)
{
    uint32_t v = 0;
    CHECK(mpb_g_u32(m, addr, &v) == 0);
    return v;
}

/* The hash of q by the plainest walk: from the newest pool back. */
static int walked_hash(const wasm_rt_memory_t *m, mpbox_session *s, uint32_t q, uint32_t *hash)
{
    uint32_t p = u32_at(m, *(uint32_t *)Z_micropythonZ_mpbox_last_pool_ptr(&s->inst));
    for (int n = 0; p && n < 64; n++) {
        uint32_t first = u32_at(m, p + 4) & 0x7fffffffu, len = u32_at(m, p + 12);
        if (q >= first) {
            uint16_t v;
            if (q - first >= len || mpb_g_read(m, u32_at(m, p + 16) + 2 * (q - first), &v, 2))
                return -1;
            *hash = v;
            return 0;
        }
        p = u32_at(m, p);
    }
    return -1;
}

/* Every qstr of a session that interned names of its own: the host's
 * hash is djb2 of the host's bytes and the plain walk's hash, through
 * the static pool, the image's and the session's. */
static void qstr_hashes_are_micropythons(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, "class K:\n    pass\nfor i in range(3000):\n    setattr(K, 'own_name_%d' % i, i)\n", "");
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t rom = *(uint32_t *)Z_micropythonZ_mpbox_qstr_rom_pool(&s->inst);
    uint32_t rom_end = (u32_at(m, rom + 4) & 0x7fffffffu) + u32_at(m, rom + 12);
    uint32_t q = 1, bad = 0, own = 0;
    for (;; q++) {
        mpb_qstr x;
        uint32_t h = 0, w = 0;
        if (mpb_qstr_get(&s->host, q, &x) != 0)
            break;
        const uint8_t *bytes = mpb_g_span(m, x.data, x.len);
        CHECK(mpb_qstr_hash(&s->host, q, &h) == 0 && h == x.hash);
        CHECK(walked_hash(m, s, q, &w) == 0);
        if (!bytes || x.hash != djb2_16(bytes, x.len) || w != x.hash)
            bad++;
        if (bytes && x.len > 9 && memcmp(bytes, "own_name_", 9) == 0)
            own++;
    }
    CHECK(bad == 0);
    CHECK(own == 3000);
    CHECK(rom_end > 1000 && q > rom_end + 3000); /* static, image's and own pools were all read */
    uint32_t h;
    CHECK(mpb_qstr_hash(&s->host, q + 5, &h) == -1);
    mpbox_session_free(s);
}

/* Damaged pools (guest memory is the guest's to write): a chain that loops,
 * pools that point outside memory. An error, never a hang or a crash. */
static void damaged_pools_are_an_error(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, "x = 1\n", "");
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t field = *(uint32_t *)Z_micropythonZ_mpbox_last_pool_ptr(&s->inst);
    uint32_t last = u32_at(m, field), rom = *(uint32_t *)Z_micropythonZ_mpbox_qstr_rom_pool(&s->inst);
    uint32_t rom_end = (u32_at(m, rom + 4) & 0x7fffffffu) + u32_at(m, rom + 12), h;
    mpb_qstr x;
    CHECK(mpb_qstr_hash(&s->host, rom_end + 1, &h) == 0); /* a name of the image's pools */
    /* the newest pool is its own predecessor, and starts past every qstr */
    CHECK(mpb_g_put_u32(m, last, last) == 0);
    CHECK(mpb_g_put_u32(m, last + 4, 0x7fffffffu) == 0);
    CHECK(mpb_qstr_hash(&s->host, rom_end + 1, &h) == -1);
    CHECK(mpb_qstr_get(&s->host, rom_end + 1, &x) == -1);
    /* a static name is still found from the pool in the guest's data */
    uint32_t in_rom = u32_at(m, rom + 4) & 0x7fffffffu; /* its first qstr */
    CHECK(mpb_qstr_hash(&s->host, in_rom, &h) == 0);
    /* last_pool outside memory; the static pool's arrays outside memory */
    CHECK(mpb_g_put_u32(m, field, 0xfffffff0u) == 0);
    CHECK(mpb_qstr_hash(&s->host, rom_end + 1, &h) == -1);
    CHECK(mpb_g_put_u32(m, rom + 16, 0xfffffff0u) == 0);
    CHECK(mpb_g_put_u32(m, rom + 20, 0xfffffff0u) == 0);
    CHECK(mpb_qstr_hash(&s->host, in_rom, &h) == -1);
    CHECK(mpb_qstr_get(&s->host, in_rom, &x) == -1);
    mpbox_session_free(s); /* never run again */
}

/* Strings made before a twin was interned: the host hashes the interned
 * one from its pool, the other from its bytes, and they meet. */
static void late_interned_strings_meet(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "heap = ['late%d' % i for i in range(60)]\n"
           "d = {h: i for i, h in enumerate(heap)}\n"
           "s = set(heap)\n"
           "class K:\n"
           "    pass\n"
           "for h in heap:\n"
           "    setattr(K, h, 0)\n"
           "q = sorted(n for n in dir(K) if n.startswith('late'))\n"
           "e = {n: 1 for n in q}\n"
           "print(sum(d[n] for n in q), sum(e[h] for h in heap), all(n in s for n in q), len(s | set(q)))\n",
           "1770 60 True 60\n");
    mpbox_session_free(s);
}

/* ---- str keys in the host -------------------------------------------- */

/* host/hashkey.h hashes a heap str (type str exactly) from its stored hash
 * or else its bytes (and stores it, as the guest's own hash does) and
 * compares two plain strs by their bytes, without calling the guest. Equal but distinct strs, long, empty and non-ASCII ones, one
 * whose 16-bit hash is 0 (MicroPython makes it 1) met by its interned
 * twin, a dict past the index's threshold; a str subclass with its own
 * __hash__ and __eq__ still goes through them. Outputs are CPython's. */
static void str_keys_by_their_bytes(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "def djb(s):\n"
           "    h = 5381\n"
           "    for c in s.encode():\n"
           "        h = ((h * 33) ^ c) & 0xffffffff\n"
           "    return h & 0xffff\n"
           "zero = None\n"
           "i = 0\n"
           "while zero is None:\n"
           "    c = 'k%d' % i\n"
           "    if djb(c) == 0:\n"
           "        zero = c\n"
           "    i += 1\n"
           "parts = ['alpha', 'beta' * 40, '', 'caf\\u00e9 \\u2603', zero, 'x' * 1000]\n"
           "a = [''.join([p, '']) + '' for p in parts]\n"
           "b = ['%s' % (p,) for p in parts]\n"
           "d = {}\n"
           "for k in a:\n"
           "    d[k] = len(d)\n"
           "s = set(a)\n"
           "print([d[k] for k in b], all(k in s for k in b), len(set(b) | s))\n"
           "for k in b:\n"
           "    d[k] += 10\n"
           "print(sorted(d.values()), len(d))\n"
           "class K:\n"
           "    pass\n"
           "setattr(K, zero, 5)\n"
           "q = [n for n in dir(K) if n == zero][0]\n"
           "print(d[q], q in s, {q: 1}.get(zero + ''), zero)\n"
           "class S(str):\n"
           "    def __hash__(self):\n"
           "        return 7\n"
           "    def __eq__(self, other):\n"
           "        return True\n"
           "e = {S('abc'): 1}\n"
           "print(e.get(S('xyz')), S('zzz') in e, len({S('p'), S('q'), 'p'}))\n"
           "big = {('w%d' % i) * 3: i for i in range(3000)}\n"
           "print(sum(big[('w%d' % i) * 3] for i in range(0, 3000, 7)), ('w5' * 3) in big, 'w5' in big)\n",
"[0, 1, 2, 3, 4, 5] True 6\n[10, 11, 12, 13, 14, 15] 6\n14 True 1 k1359\n1 True 2\n642642 True False\n");
    mpbox_session_free(s);
}

/* A str key whose hash is stored (a word split out of a text and looked
 * up again) in an indexed dict: host/map.c probes for it without
 * hashing or calling the guest, comparing plain strs by their bytes;
 * an entry of the same hash whose key is of another kind (an int equal
 * to the hash, a str subclass with its own __eq__) goes the general way.
 * The same objects, equal twins hashed beforehand, deleted and re-added
 * keys, an all-interned dict looked up by heap strs. Outputs are
 * CPython's. */
static void known_str_hashes_probe_in_the_host(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "words = ['w%d' % i for i in range(40)]\n"
           "d = {}\n"
           "for w in words:\n"
           "    d[w] = 0\n"
           "for rep in range(3):\n"
           "    for w in words:\n"
           "        d[w] = d.get(w, 0) + 1\n"
           "twins = [''.join(['w', str(i)]) for i in range(40)]\n"
           "hs = [hash(t) for t in twins]\n"
           "print(sum(d[t] for t in twins), all(t in d for t in twins), len(d))\n"
           "for t in twins[::2]:\n"
           "    d[t] += 10\n"
           "print(sorted(d.values())[:3], sum(d.values()), len(d))\n"
           "class S(str):\n"
           "    def __hash__(self):\n"
           "        return hash(str(self))\n"
           "    def __eq__(self, other):\n"
           "        return str(self) == str(other)\n"
           "e = {w: i for i, w in enumerate(words)}\n"
           "e[hash(twins[3])] = 'int'\n"
           "e[S('zz')] = 'sub'\n"
           "e[S('w7')] = 'seven'\n"
           "zz = ''.join(['z', 'z'])\n"
           "hash(zz)\n"
           "print(e[twins[3]], e[hash(twins[3])], e[zz], e[twins[7]], type(list(e)[7]) is str, len(e))\n"
           "x = ''.join(['x', 'q'])\n"
           "hash(x)\n"
           "e[hash(x)] = 'ih'\n"
           "print(e.get(x), e.get(hash(x)))\n"
           "del e[twins[5]]\n"
           "print(e.get(twins[5]), twins[5] in e, e.get(twins[6]))\n"
           "e[twins[5]] = 'back'\n"
           "print(e[words[5]], list(e)[-1] == 'w5', len(e))\n"
           "q = {}\n"
           "for w in ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa']:\n"
           "    q[w] = w.upper()\n"
           "names = [''.join([w, '']) for w in ['alpha', 'kappa', 'eta', 'nope']]\n"
           "for n in names:\n"
           "    hash(n)\n"
           "print([q.get(n) for n in names], [n in q for n in names])\n",
           "120 True 40\n"
           "[3, 3, 3] 320 40\n"
           "3 int sub seven True 42\n"
           "None ih\n"
           "None False 6\n"
           "back True 43\n"
           "['ALPHA', 'KAPPA', 'ETA', None] [True, True, True, False]\n");
    mpbox_session_free(s);
}

/* ---- the guest's probe of large qstr maps ---------------------------- */

/* guest/map probes a hash map of more than 8 interned names itself with
 * the hash its cache keeps: module globals missed before the builtins,
 * a global that shadows a builtin and is deleted again, a name defined
 * after it missed, instance attributes added, deleted and added back
 * while the map grows. Outputs are CPython's. */
static void large_name_maps_in_the_guest(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "g0 = g1 = g2 = g3 = g4 = g5 = g6 = g7 = g8 = g9 = 0\n"
           "def calls(n):\n"
           "    t = 0\n"
           "    for i in range(n):\n"
           "        t += len('ab') + abs(-i)\n"
           "    return t\n"
           "print(calls(50))\n"
           "len = lambda x: 100\n"
           "print(calls(50))\n"
           "del len\n"
           "print(calls(50))\n"
           "try:\n"
           "    print(undefined_name)\n"
           "except NameError as e:\n"
           "    print('NameError')\n"
           "undefined_name = 3\n"
           "print(undefined_name)\n"
           "class P:\n"
           "    pass\n"
           "p = P()\n"
           "for i in range(40):\n"
           "    setattr(p, 'a%d' % i, i)\n"
           "print(sum(getattr(p, 'a%d' % i) for i in range(40)), getattr(p, 'b1', 'none'))\n"
           "del p.a7\n"
           "print(getattr(p, 'a7', 'gone'), hasattr(p, 'a8'))\n"
           "p.a7 = 70\n"
           "p.b1 = 1\n"
           "print(p.a7, p.b1, len(p.__dict__))\n"
           "for i in range(40, 400):\n"
           "    setattr(p, 'a%d' % i, i)\n"
           "print(sum(getattr(p, 'a%d' % i) for i in range(400)) - 63, p.a7)\n"
           "for i in range(0, 400, 2):\n"
           "    delattr(p, 'a%d' % i)\n"
           "print(sum(getattr(p, 'a%d' % i, 0) for i in range(400)), len(p.__dict__))\n"
           "print(min(3, 1), max(2, 5), getattr(p, 'a1'))\n",
"1325\n6225\n1325\nNameError\n3\n780 none\ngone True\n70 1 41\n79800 70\n40063 201\n1 5 1\n");
    mpbox_session_free(s);
}

/* ---- mp_load_global's cache ------------------------------------------ */

/* guest/map keeps a name's entry (in the globals, the builtins override
 * dict or the builtins) with the stamps of the maps it missed in; a key
 * added to either must be seen at once. The same cases run in a module's
 * globals, in exec's dict small and large (more than 8 names: stamped),
 * in a dict of a few names (scanned); a builtin shadowed after its first
 * use, deleted again, set through globals() (also by a key made at run
 * time), replaced in the builtins module, a name only the override dict
 * has, added, shadowed and deleted; eval and exec with their own dicts,
 * a function whose dict was cleared; a module's names set from another
 * module (attribute, setattr, __dict__) and deleted. Outputs are
 * CPython's. */
static void global_names_follow_their_maps(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "import builtins\n"
           "orig_len = len\n"
           "CASES = r'''\n"
           "out = []\n"
           "def f():\n"
           "    return len('abc')\n"
           "out.append(f())\n"
           "len = lambda x: 42\n"
           "out.append(f())\n"
           "del len\n"
           "out.append(f())\n"
           "globals()['len'] = lambda x: 7\n"
           "out.append(f())\n"
           "del globals()['len']\n"
           "out.append(f())\n"
           "globals()['le' + 'n'] = lambda x: 8\n"
           "out.append(f())\n"
           "del globals()['le' + 'n']\n"
           "out.append(f())\n"
           "builtins.len = lambda x: 9\n"
           "out.append(f())\n"
           "len = lambda x: 10\n"
           "out.append(f())\n"
           "del len\n"
           "out.append(f())\n"
           "builtins.len = orig_len\n"
           "out.append(f())\n"
           "builtins.brand_new = 5\n"
           "def h():\n"
           "    return brand_new\n"
           "out.append(h())\n"
           "builtins.brand_new = 6\n"
           "out.append(h())\n"
           "brand_new = 1\n"
           "out.append(h())\n"
           "del brand_new\n"
           "out.append(h())\n"
           "del builtins.brand_new\n"
           "try:\n"
           "    h()\n"
           "    out.append('found')\n"
           "except NameError:\n"
           "    out.append('NameError')\n"
           "builtins.brand_new = 7\n"
           "out.append(h())\n"
           "del builtins.brand_new\n"
           "for i in range(6):\n"
           "    if i % 2:\n"
           "        len = lambda x: -i\n"
           "    elif i:\n"
           "        del len\n"
           "    out.append(len('ab'))\n"
           "del len\n"
           "def grow():\n"
           "    return len('abcd'), abs(-3)\n"
           "out.append(grow())\n"
           "for i in range(30):\n"
           "    globals()['v%d' % i] = i\n"
           "out.append(grow())\n"
           "globals()['abs'] = lambda x: 'abs'\n"
           "out.append(grow())\n"
           "del globals()['abs']\n"
           "for i in range(30):\n"
           "    del globals()['v%d' % i]\n"
           "out.append(grow())\n"
           "counter = 0\n"
           "def bump():\n"
           "    global counter\n"
           "    counter += 1\n"
           "    return counter\n"
           "for i in range(3):\n"
           "    bump()\n"
           "out.append(counter)\n"
           "del counter\n"
           "try:\n"
           "    bump()\n"
           "except NameError:\n"
           "    out.append('counter gone')\n"
           "class C:\n"
           "    len = 5\n"
           "    a = len\n"
           "    b = [len for _ in 'x'][0] is orig_len\n"
           "    c = abs(-2)\n"
           "out.append((C.a, C.b, C.c))\n"
           "print(out)\n"
           "'''\n"
           "import sys\n"
           "print('module')\n"
           "exec(CASES)\n"
           "print('small dict')\n"
           "exec(CASES, {'builtins': builtins, 'orig_len': orig_len})\n"
           "big = {'builtins': builtins, 'orig_len': orig_len}\n"
           "exec(''.join('pad%d = %d\\n' % (i, i) for i in range(40)), big)\n"
           "print('large dict')\n"
           "exec(CASES, big)\n"
           "print(eval('len(x)', {'x': [1, 2], 'len': lambda v: -1}), eval('len(x)', {'x': [1, 2]}))\n"
           "ns = {}\n"
           "exec('def k():\\n    return len(\"ab\")\\n', ns)\n"
           "r = [ns['k']()]\n"
           "ns['len'] = lambda v: 'ns'\n"
           "r.append(ns['k']())\n"
           "del ns['len']\n"
           "r.append(ns['k']())\n"
           "for i in range(20):\n"
           "    ns['w%d' % i] = i\n"
           "r.append(ns['k']())\n"
           "ns['len'] = lambda v: 'ns2'\n"
           "r.append(ns['k']())\n"
           "k = ns['k']\n"
           "ns.clear()\n"
           "r.append(k())\n"
           "print(r)\n"
           "with open('pg_mod.py', 'w') as fh:\n"
           "    fh.write('def use():\\n    return len(\"xyz\"), max(1, 2)\\n')\n"
           "sys.path.insert(0, '.')\n"
           "import pg_mod\n"
           "r = [pg_mod.use()]\n"
           "pg_mod.len = lambda v: 'mod'\n"
           "r.append(pg_mod.use())\n"
           "setattr(pg_mod, 'max', lambda a, b: 'max')\n"
           "r.append(pg_mod.use())\n"
           "del pg_mod.len\n"
           "r.append(pg_mod.use())\n"
           "pg_mod.__dict__['len'] = lambda v: 'dict'\n"
           "r.append(pg_mod.use())\n"
           "delattr(pg_mod, 'max')\n"
           "del pg_mod.__dict__['len']\n"
           "r.append(pg_mod.use())\n"
           "print(r)\n"
           "print(len('end'), builtins.len is orig_len)\n",
           "module\n"
           "[3, 42, 3, 7, 3, 8, 3, 9, 10, 9, 3, 5, 6, 1, 6, 'NameError', 7, 2, -1, 2, -3, 2, -5, (4, 3), (4, 3), (4, 'abs'), (4, 3), 3, 'counter gone', (5, True, 2)]\n"
           "small dict\n"
           "[3, 42, 3, 7, 3, 8, 3, 9, 10, 9, 3, 5, 6, 1, 6, 'NameError', 7, 2, -1, 2, -3, 2, -5, (4, 3), (4, 3), (4, 'abs'), (4, 3), 3, 'counter gone', (5, True, 2)]\n"
           "large dict\n"
           "[3, 42, 3, 7, 3, 8, 3, 9, 10, 9, 3, 5, 6, 1, 6, 'NameError', 7, 2, -1, 2, -3, 2, -5, (4, 3), (4, 3), (4, 'abs'), (4, 3), 3, 'counter gone', (5, True, 2)]\n"
           "-1 2\n"
           "[2, 'ns', 2, 2, 'ns2', 2]\n"
           "[(3, 2), ('mod', 2), ('mod', 'max'), (3, 'max'), ('dict', 'max'), (3, 2)]\n"
           "3 True\n");
    mpbox_session_free(s);
}

/* env.mpbox_qstr_hash (the guest asks for a name's hash once): the
 * pools' hash, for a static name and one the session interned (hostile
 * numbers: test_imports sweeps every mpbox_ import). */
static void qstr_hash_import(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s, "class T:\n    pass\nsetattr(T, 'made_at_run_time', 1)\n", "");
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t last = u32_at(m, *(uint32_t *)Z_micropythonZ_mpbox_last_pool_ptr(&s->inst));
    uint32_t newest = (u32_at(m, last + 4) & 0x7fffffffu) + u32_at(m, last + 12) - 1;
    uint32_t qs[2] = {10, newest};
    for (int i = 0; i < 2; i++) {
        uint32_t want = 0;
        CHECK(walked_hash(m, s, qs[i], &want) == 0);
        CHECK(Z_envZ_mpbox_qstr_hash((struct Z_env_instance_t *)&s->host, qs[i]) == want);
    }
    mpbox_session_free(s);
}

/* ---- the lookup cache ------------------------------------------------ */

/* Positions that go stale: attributes deleted and set again, dict entries
 * deleted and re-added, an ordered dict shifting its entries down on
 * deletion, a global deleted and defined again, an instance attribute
 * shadowing its class's, keyword arguments. Outputs are CPython's. */
static void stale_positions_only_miss(void)
{
    mpbox_session *s = new_session(rt);
    expect_fuel(s,
           "from collections import OrderedDict\n"
           "class P:\n"
           "    pass\n"
           "p = P()\n"
           "for i in range(300):\n"
           "    setattr(p, 'a%d' % i, i)\n"
           "for i in range(0, 300, 2):\n"
           "    delattr(p, 'a%d' % i)\n"
           "for i in range(0, 300, 4):\n"
           "    setattr(p, 'a%d' % i, -i)\n"
           "print(sum(getattr(p, 'a%d' % i, 1000) for i in range(300)))\n"
           "d = {i: i * i for i in range(1000)}\n"
           "for i in range(0, 1000, 3):\n"
           "    del d[i]\n"
           "for i in range(0, 1000, 6):\n"
           "    d[i] = -1\n"
           "print(sum(d.get(i, 7) for i in range(1000)), len(d))\n"
           "o = OrderedDict()\n"
           "for n in ('x', 'y', 'z', 'w'):\n"
           "    o[n] = n * 2\n"
           "print(o['z'], o['w'])\n"
           "del o['x']\n"
           "del o['y']\n"
           "print(o['z'], o['w'], o.get('x'), list(o))\n"
           "o['x'] = 'again'\n"
           "print(o['x'], o['z'], list(o))\n"
           "g = 1\n"
           "def read():\n"
           "    return g\n"
           "print(read())\n"
           "del g\n"
           "try:\n"
           "    read()\n"
           "except NameError:\n"
           "    print('gone')\n"
           "g = 2\n"
           "print(read())\n"
           "class A:\n"
           "    v = 'class'\n"
           "a = A()\n"
           "print(a.v)\n"
           "a.v = 'instance'\n"
           "print(a.v, A.v)\n"
           "del a.v\n"
           "print(a.v)\n"
           "A.v = 'changed'\n"
           "print(a.v)\n"
           "def kw(**k):\n"
           "    return k['b'], k.get('a')\n"
           "print(kw(a=1, b=2), kw(b=3))\n",
           "86400\n"
           "221556891 833\n"
           "zz ww\n"
           "zz ww None ['z', 'w']\n"
           "again zz ['z', 'w', 'x']\n"
           "1\n"
           "gone\n"
           "2\n"
           "class\n"
           "instance class\n"
           "class\n"
           "changed\n"
           "(2, 1) (3, None)\n");
    mpbox_session_free(s);
}

/* Attribute, global and small-int key lookups over more names than
 * MicroPython's 128-byte cache holds, builtins used in a function
 * (mp_load_global's cache) and words counted (str keys whose hash is
 * stored). */
static const char lookups[] = "class R:\n"
                              "    pass\n"
                              "r = R()\n"
                              "names = ['n%d' % i for i in range(400)]\n"
                              "for k in names:\n"
                              "    setattr(r, k, 0)\n"
                              "ints = {i: 0 for i in range(500)}\n"
                              "for rep in range(30):\n"
                              "    for k in names:\n"
                              "        setattr(r, k, getattr(r, k) + 1)\n"
                              "    for i in range(500):\n"
                              "        ints[i] += i\n"
                              "def builtins_used(n):\n"
                              "    t = 0\n"
                              "    for i in range(n):\n"
                              "        t += len(names) + abs(-i) + min(i, 3)\n"
                              "    return t\n"
                              "print(sum(getattr(r, k) for k in names), sum(ints.values()), builtins_used(300))\n"
                              "text = ' '.join(names[:50] * 3).split(' ')\n"
                              "counts = {}\n"
                              "for w in text:\n"
                              "    counts[w] = counts.get(w, 0) + 1\n"
                              "print(len(counts), sum(counts.values()))\n";
static const char lookups_out[] = "12000 3742500 165744\n50 150\n";

/* Another program's names and positions, to fill the caches with (a
 * builtin shadowed and deleted again). */
static const char other[] = "class O:\n"
                            "    pass\n"
                            "o = O()\n"
                            "for i in range(600):\n"
                            "    setattr(o, 'z%d' % i, i)\n"
                            "other = {i * 7: i for i in range(3000)}\n"
                            "t = sum(getattr(o, 'z%d' % i) for i in range(600)) + sum(other[i * 7] for i in range(3000))\n"
                            "def builtins_used(n):\n"
                            "    return len('ab') + abs(-n) + min(n, 3)\n"
                            "len = lambda x: 0\n"
                            "t += sum(builtins_used(i) for i in range(50))\n"
                            "del len\n"
                            "t += sum(builtins_used(i) for i in range(50))\n";

/* The cache is guest memory: a rollback restores it, a fork and a loaded
 * snapshot copy it, so the same program takes the same path (same fuel)
 * in each; and in two fresh sessions. */
static void same_fuel_fresh_forked_loaded_rolled_back(void)
{
    mpbox_session *a = new_session(rt), *b = new_session(rt);
    uint64_t f1 = expect_fuel(a, lookups, lookups_out), f2 = expect_fuel(b, lookups, lookups_out);
    CHECK(f1 == f2);
    mpbox_session_free(a);
    mpbox_session_free(b);

    mpbox_session *s = new_session(rt);
    expect_fuel(s, "base = [i for i in range(100)]\n", "");
    mpbox_session *fork, *loaded;
    fork_and_copy(rt, s, &fork, &loaded);
    /* in s: a run that fills the cache with other positions, then runs out
     * of fuel and is undone */
    if (mpbox_has_fuel()) {
        char src[2048];
        snprintf(src, sizeof src, "%swhile True:\n    t += getattr(o, 'z5') + other[35]\n", other);
        CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 60000000) >= 0);
        mpbox_result *r = run_in(s, src);
        CHECK(r && mpbox_result_status(r) == MPBOX_STATUS_OUT_OF_FUEL);
        mpbox_result_free(r);
        CHECK(mpbox_session_limit(s, MPBOX_LIMIT_FUEL, 0) >= 0);
    }
    /* in the fork: the other program, kept */
    if (fork)
        expect_fuel(fork, other, "");
    uint64_t g1 = expect_fuel(s, lookups, lookups_out);
    uint64_t g3 = loaded ? expect_fuel(loaded, lookups, lookups_out) : 0;
    CHECK(g1 == g3);
    CHECK(g1 > 0 || !mpbox_has_fuel());
    /* the fork's cache holds the other program's positions: same output,
     * and its own fuel again when it runs the program a second time after
     * a fork of its own */
    if (fork) {
        mpbox_session *again = NULL;
        CHECK(mpbox_session_fork(fork, &again) == MPBOX_OK);
        uint64_t h1 = expect_fuel(fork, lookups, lookups_out);
        uint64_t h2 = again ? expect_fuel(again, lookups, lookups_out) : 0;
        CHECK(h1 == h2);
        mpbox_session_free(again);
    }
    mpbox_session_free(s);
    mpbox_session_free(fork);
    mpbox_session_free(loaded);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK) {
        printf("FAIL setup: runtime\n");
        return 1;
    }
    RUN(qstr_hashes_are_micropythons);
    RUN(damaged_pools_are_an_error);
    RUN(late_interned_strings_meet);
    RUN(str_keys_by_their_bytes);
    RUN(known_str_hashes_probe_in_the_host);
    RUN(large_name_maps_in_the_guest);
    RUN(qstr_hash_import);
    RUN(global_names_follow_their_maps);
    RUN(stale_positions_only_miss);
    RUN(same_fuel_fresh_forked_loaded_rolled_back);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
