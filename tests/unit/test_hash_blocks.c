/*
 * test_hash_blocks.c — js.mpbox_internal("hash_blocks", ...), the host side
 * of lib/python/hashlib.py (core/internal.c, util/digest.c): whole blocks
 * of guest memory hashed into a state the guest holds. Every field of the
 * request comes from the guest and is hostile.
 */
#include <stdint.h>

#include "check.h"
#include "mpbox.h"

static mpbox_runtime *rt;
static mpbox_session *s;

static mpbox_result *run(const char *src)
{
    mpbox_result *r = NULL;
    CHECK(mpbox_run_ex(s, src, strlen(src), 0, &r) == MPBOX_OK);
    CHECK(r != NULL);
    return r;
}

/* Defines ask(payload) and addr(bytes) in the session. */
static const char setup[] = "import js, uctypes\n"
                            "def addr(b):\n"
                            "    return int.from_bytes(uctypes.bytearray_at(id(b) + 12, 4), 'little')\n"
                            "def ask(p):\n"
                            "    print(js.mpbox_internal('hash_blocks', p))\n"
                            "block = b'abc\\x80' + bytes(52) + b'\\x18' + bytes(7)\n";

/* One padded block of "abc" from the initial state: the chaining value is
 * MD5("abc") (RFC 1321's test suite), also from the initial state given
 * in hex; no blocks leave a state as it is. */
static void one_block(void)
{
    mpbox_result *r = run("ask('md5 - %d 64' % addr(block))\n"
                          "ask('md5 0123456789abcdeffedcba9876543210 %d 64' % addr(block))\n"
                          "ask('sha1 - %d 0' % addr(block))\n");
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    CHECK_STR(mpbox_result_stdout(r, NULL), "[\"900150983cd24fb0d6963f7d28e17f72\"]\n"
                                            "[\"900150983cd24fb0d6963f7d28e17f72\"]\n"
                                            "[\"67452301efcdab8998badcfe10325476c3d2e1f0\"]\n");
    mpbox_result_free(r);
}

/* Every malformed request is refused with the same ValueError answer and
 * the host reads nothing outside guest memory. */
static void refusals(void)
{
    static const char *bad[] = {
        "ask('')",
        "ask('md5')",
        "ask('md4 - %d 64' % addr(block))",
        "ask('md5 - %d 63' % addr(block))",              /* not whole blocks */
        "ask('md5 00 %d 64' % addr(block))",              /* state too short */
        "ask('md5 zz23456789abcdeffedcba9876543210 %d 64' % addr(block))",
        "ask('md5 - 4294967295 64')",                     /* past the end of memory */
        "ask('md5 - 4294967296 64')",                     /* not a 32-bit address */
        "ask('sha512 - 0 %d' % (1 << 40))",               /* longer than memory */
        "ask('sha256 - 0 ' + '9' * 300)",                 /* longer than a request */
        "ask('md5 ' + 'a' * 200 + ' 0 64')",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mpbox_result *r = run(bad[i]);
        CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
        CHECK_STR(mpbox_result_stdout(r, NULL), "{\"type\":\"ValueError\",\"message\":\"hash_blocks: bad request\"}\n");
        mpbox_result_free(r);
    }
}

/* The fuel of `src` run in a fresh session after `import hashlib`. */
static uint64_t fuel_of(const char *src)
{
    mpbox_session *fresh = NULL;
    CHECK(mpbox_session_new(rt, &fresh) == MPBOX_OK);
    mpbox_result *r = NULL;
    CHECK(mpbox_run(fresh, "import hashlib\n", 15, &r) == MPBOX_OK);
    mpbox_result_free(r);
    r = NULL;
    CHECK(mpbox_run(fresh, src, strlen(src), &r) == MPBOX_OK);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    uint64_t fuel = mpbox_result_fuel_used(r);
    mpbox_result_free(r);
    mpbox_session_free(fresh);
    return fuel;
}

/* Hashing is paid for with fuel, by length, and the same run costs the same. */
static void fuel_by_length(void)
{
    static const char small[] = "hashlib.sha256(bytes(64 * 1024)).digest()\n";
    static const char big[] = "hashlib.sha256(bytes(64 * 1024 * 16)).digest()\n";
    uint64_t a = fuel_of(small), b = fuel_of(small), c = fuel_of(big);
    CHECK(a == b);
    /* 15 * 64 KiB more bytes at 24 units each */
    CHECK(c > a + 15u * 65536u * 24u);
}

int main(void)
{
    if (mpbox_runtime_new(&rt) != MPBOX_OK || mpbox_session_new(rt, &s) != MPBOX_OK) {
        printf("cannot create a runtime and a session\n");
        return 1;
    }
    mpbox_result *r = run(setup);
    CHECK(mpbox_result_status(r) == MPBOX_STATUS_OK);
    mpbox_result_free(r);
    RUN(one_block);
    RUN(refusals);
    RUN(fuel_by_length);
    mpbox_session_free(s);
    mpbox_runtime_free(rt);
    CHECK_EXIT();
}
