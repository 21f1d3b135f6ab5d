/* bignum — hand the digit loops of big-integer arithmetic and of their
 * conversion to text to the host.
 *
 *   bignum IN.wasm OUT.wasm
 *
 * On wasm32 MicroPython's mpz digits are 16 bits (MPZ_DIG_SIZE 16; 32 on
 * the native x86-64 build), and its schoolbook loops run one 16 x 16-bit
 * product per step, with a fuel charge per step. The host (host/bignum.c)
 * computes the same numbers on 32-bit limbs with 64-bit arithmetic and
 * writes them back as 16-bit digits, so the guest's numbers are unchanged.
 *
 * Found structurally and verified, or the build stops:
 *   mpz_mul_inpl(dest, lhs, rhs)  (i32 i32 i32) -> (), with mpn_mul inlined:
 *       the one function of that signature with a block that
 *         br_if's out when  klen = lhs2->len  (i32.load offset=4 (local 2))
 *         is zero, sets     jlen = load offset=4 (local 1),
 *                           jdig = load offset=8 (local 1),
 *                           kdig = load offset=8 (local 2),
 *                           idig = load offset=8 (local 0),
 *         runs a loop holding a loop whose body multiplies two
 *         i32.load16_u and stores with i32.store16, and ends with
 *           local.set LEN (i32.shr_s (i32.sub (local.get END) (local.get IDIG)) 1).
 *       Rewrite: the loop becomes  local.set LEN (call env.mpbox_mpz_mul(
 *       dest, lhs, rhs)) and the last statement a nop. The host reads the
 *       same fields the block read.
 *   mpz_divmod_inpl(quo, rem, lhs, rhs)  (i32 i32 i32 i32) -> (), with
 *       mpn_div inlined: the one function of that signature whose body
 *       holds, at its top level, a block with memory.copy (mpz_set(rem,
 *       lhs)) followed directly by a block with a division (div_u) and at
 *       least five loops that reads rem's and rhs's len and dig and writes
 *       quo's len (i32.store offset=4 (local 0) ...).
 *       Rewrite: that block becomes  call env.mpbox_mpz_divmod(quo, rem,
 *       rhs): rem (holding lhs) becomes the remainder, quo the quotient, as
 *       mpn_div leaves them.
 *   mpn_add, mpn_sub  not inlined: see find_add_sub. Their bodies become
 *       calls of env.mpbox_mpn_add / env.mpbox_mpn_sub with the same five
 *       arguments.
 *   mpz_as_str_inpl  (str(), repr(), format() and hex() of big integers):
 *       see find_as_str; its body becomes a call of env.mpbox_mpz_as_str
 *       with the same six arguments.
 */
#include "match.h"

static BinaryenFunctionRef f_mul, f_div, f_add, f_sub;
static BinaryenExpressionRef mul_block, div_block, div_parent;
static BinaryenIndex mul_loop_at, div_at;

/* (i32.load offset=OFF (local.get LOCAL)) of 4 bytes */
static int is_field(BinaryenExpressionRef e, uint32_t off, BinaryenIndex local)
{
    return is_id(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 4 && BinaryenLoadGetOffset(e) == off &&
           is_local(BinaryenLoadGetPtr(e), local);
}

/* local.set or local.tee of a field: the local's index, else -1 */
static long set_of_field(BinaryenExpressionRef e, uint32_t off, BinaryenIndex local)
{
    if (!is_id(e, ID_LOCAL_SET)) return -1;
    BinaryenExpressionRef v = BinaryenLocalSetGetValue(e);
    while (is_id(v, ID_LOCAL_SET) && BinaryenLocalSetIsTee(v)) v = BinaryenLocalSetGetValue(v);
    return is_field(v, off, local) ? (long)BinaryenLocalSetGetIndex(e) : -1;
}

static int is_load16u(BinaryenExpressionRef e)
{
    return is_id(e, ID_LOAD) && BinaryenLoadGetBytes(e) == 2 && !BinaryenLoadIsSigned(e);
}

/* The expressions under one expression (collect()'s nodes stay as they are). */
static BinaryenExpressionRef *sub;
static size_t capsub;

/* A loop with a loop inside whose body multiplies two 16-bit loads and
 * stores 16 bits: mpn_mul's row loop. */
static int is_digit_product_loop(BinaryenExpressionRef loop)
{
    if (!is_id(loop, ID_LOOP)) return 0;
    size_t n = subtree(BinaryenLoopGetBody(loop), &sub, &capsub);
    int inner = 0, mul = 0, store16 = 0;
    for (size_t k = 0; k < n; k++) {
        BinaryenExpressionRef e = sub[k];
        if (is_id(e, ID_LOOP)) inner = 1;
        if (is_binary(e, BinaryenMulInt32()) && is_load16u(BinaryenBinaryGetLeft(e)) &&
            is_load16u(BinaryenBinaryGetRight(e)))
            mul = 1;
        if (is_id(e, ID_STORE) && BinaryenStoreGetBytes(e) == 2) store16 = 1;
    }
    return inner && mul && store16;
}

/* The block of mpz_mul_inpl described above, in f (collected); NULL if f
 * has none. */
static BinaryenExpressionRef find_mul_block(BinaryenIndex *loop_at)
{
    BinaryenExpressionRef hit = NULL;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef b = nodes[k];
        if (!is_id(b, ID_BLOCK) || BinaryenBlockGetNumChildren(b) != 7) continue;
        BinaryenExpressionRef c[7];
        for (BinaryenIndex i = 0; i < 7; i++) c[i] = BinaryenBlockGetChildAt(b, i);
        /* (br_if $b (i32.eqz (local.tee KLEN (load offset=4 (local 2))))) */
        if (!is_id(c[0], ID_BREAK) || !BinaryenBreakGetCondition(c[0])) continue;
        BinaryenExpressionRef cond = BinaryenBreakGetCondition(c[0]);
        if (!is_id(cond, ID_UNARY) || BinaryenUnaryGetOp(cond) != BinaryenEqZInt32()) continue;
        if (set_of_field(BinaryenUnaryGetValue(cond), 4, 2) < 0) continue;
        if (set_of_field(c[1], 4, 1) < 0 || set_of_field(c[2], 8, 1) < 0 || set_of_field(c[3], 8, 2) < 0)
            continue;
        /* (local.set A (local.tee IDIG (load offset=8 (local 0)))) */
        if (!is_id(c[4], ID_LOCAL_SET)) continue;
        BinaryenExpressionRef tee = BinaryenLocalSetGetValue(c[4]);
        if (!is_id(tee, ID_LOCAL_SET) || !is_field(BinaryenLocalSetGetValue(tee), 8, 0)) continue;
        BinaryenIndex idig = BinaryenLocalSetGetIndex(tee);
        if (!is_digit_product_loop(c[5])) continue;
        /* (local.set LEN (i32.shr_s (i32.sub (local.get END) (local.get IDIG)) (i32.const 1))) */
        if (!is_id(c[6], ID_LOCAL_SET)) continue;
        BinaryenExpressionRef sh = BinaryenLocalSetGetValue(c[6]);
        if (!is_binary(sh, BinaryenShrSInt32()) || !is_const_eq(BinaryenBinaryGetRight(sh), 1)) continue;
        BinaryenExpressionRef sub = BinaryenBinaryGetLeft(sh);
        if (!is_binary(sub, BinaryenSubInt32()) || !is_id(BinaryenBinaryGetLeft(sub), ID_LOCAL_GET) ||
            !is_local(BinaryenBinaryGetRight(sub), idig))
            continue;
        if (hit) mismatch("%s", "two digit-product blocks in one function");
        hit = b;
        *loop_at = 5;
    }
    return hit;
}

static void find_mul(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 0)) continue;
        collect(f);
        BinaryenIndex at;
        BinaryenExpressionRef b = find_mul_block(&at);
        if (!b) continue;
        found(&f_mul, f, "mpz_mul_inpl");
        mul_block = b;
        mul_loop_at = at;
    }
    if (!f_mul) mismatch("%s", "mpz_mul_inpl (mpn_mul inlined) not found");
}

/* How many expressions of id `id` (a binary op `op` when op >= 0) the tree
 * under e holds. */
static int count_under(BinaryenExpressionRef e, BinaryenExpressionId id, long op)
{
    size_t n = subtree(e, &sub, &capsub);
    int found_n = 0;
    for (size_t k = 0; k < n; k++)
        found_n += is_id(sub[k], id) && (op < 0 || BinaryenBinaryGetOp(sub[k]) == (BinaryenOp)op);
    return found_n;
}

/* Does the tree under e hold a 4-byte load or store at offset `off` of
 * (local.get local)? */
static int touches(BinaryenExpressionRef e, uint32_t off, BinaryenIndex local, int store)
{
    size_t n = subtree(e, &sub, &capsub);
    for (size_t k = 0; k < n; k++) {
        BinaryenExpressionRef x = sub[k];
        if (store ? is_id(x, ID_STORE) && BinaryenStoreGetBytes(x) == 4 && BinaryenStoreGetOffset(x) == off &&
                        is_local(BinaryenStoreGetPtr(x), local)
                  : is_field(x, off, local))
            return 1;
    }
    return 0;
}

static void find_div(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 4, 0)) continue;
        BinaryenExpressionRef body = BinaryenFunctionGetBody(f);
        if (!is_id(body, ID_BLOCK)) continue;
        BinaryenIndex n = BinaryenBlockGetNumChildren(body);
        for (BinaryenIndex c = 1; c < n; c++) {
            BinaryenExpressionRef prev = BinaryenBlockGetChildAt(body, c - 1), b = BinaryenBlockGetChildAt(body, c);
            if (!is_id(prev, ID_BLOCK) || !is_id(b, ID_BLOCK)) continue;
            /* mpz_set(rem, lhs): memory.copy((load offset=8 (local 1)), (load offset=8 (local 2)), n) */
            int copies = 0;
            for (BinaryenIndex k = 0; k < BinaryenBlockGetNumChildren(prev); k++) {
                BinaryenExpressionRef x = BinaryenBlockGetChildAt(prev, k);
                if (is_id(x, ID_MEMORY_COPY) && is_field(BinaryenMemoryCopyGetDest(x), 8, 1) &&
                    is_field(BinaryenMemoryCopyGetSource(x), 8, 2))
                    copies = 1;
            }
            if (!copies) continue;
            int loops = count_under(b, ID_LOOP, -1);
            int divides = count_under(b, ID_BINARY, (long)BinaryenDivUInt32()) > 0 ||
                          count_under(b, ID_BINARY, (long)BinaryenDivUInt64()) > 0;
            if (loops < 5 || !divides) continue;
            if (!touches(b, 4, 1, 0) || !touches(b, 8, 1, 0) || !touches(b, 4, 3, 0) || !touches(b, 8, 3, 0) ||
                !touches(b, 4, 0, 1))
                continue;
            found(&f_div, f, "mpz_divmod_inpl");
            div_parent = body;
            div_block = b;
            div_at = c;
        }
    }
    if (!f_div) mismatch("%s", "mpz_divmod_inpl (mpn_div inlined) not found");
}

/* The value stored by the first i32.store16 of f's first loop (collected). */
static BinaryenExpressionRef first_loop_store16(void)
{
    int in_loop = 0;
    for (size_t k = 0; k < nnodes; k++) {
        if (is_id(nodes[k], ID_LOOP)) in_loop = 1;
        if (in_loop && is_id(nodes[k], ID_STORE) && BinaryenStoreGetBytes(nodes[k]) == 2 &&
            BinaryenStoreGetOffset(nodes[k]) == 0)
            return BinaryenStoreGetValue(nodes[k]);
    }
    return NULL;
}

static int is_digit_of(BinaryenExpressionRef e, BinaryenIndex local)
{
    return is_load16u(e) && BinaryenLoadGetOffset(e) == 0 && is_local(BinaryenLoadGetPtr(e), local);
}

/* mpn_add and mpn_sub, (i32 idig, i32 jdig, i32 jlen, i32 kdig, i32 klen)
 * -> i32 length, not inlined: the functions of that signature, two or
 * three loops, whose first loop stores
 *   (i32.add (i32.add CARRY (load16_u jdig)) (load16_u kdig))   mpn_add
 *   (i32.add (i32.sub (load16_u jdig) (load16_u kdig)) BORROW)  mpn_sub
 * and whose result is (i32.shr_s (i32.sub END (local.get 0)) (i32.const 1)). */
static void find_add_sub(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 5, 1)) continue;
        collect(f);
        int loops = 0;
        for (size_t k = 0; k < nnodes; k++) loops += is_id(nodes[k], ID_LOOP);
        if (loops < 2 || loops > 3) continue;
        BinaryenExpressionRef v = first_loop_store16();
        while (is_id(v, ID_LOCAL_SET) && BinaryenLocalSetIsTee(v)) v = BinaryenLocalSetGetValue(v);
        if (!is_binary(v, BinaryenAddInt32())) continue;
        BinaryenExpressionRef l = BinaryenBinaryGetLeft(v), r = BinaryenBinaryGetRight(v);
        BinaryenExpressionRef body = BinaryenFunctionGetBody(f);
        BinaryenExpressionRef last = is_id(body, ID_BLOCK) ? BinaryenBlockGetChildAt(body, BinaryenBlockGetNumChildren(body) - 1) : NULL;
        if (!is_binary(last, BinaryenShrSInt32()) || !is_const_eq(BinaryenBinaryGetRight(last), 1) ||
            !is_binary(BinaryenBinaryGetLeft(last), BinaryenSubInt32()) ||
            !is_local(BinaryenBinaryGetRight(BinaryenBinaryGetLeft(last)), 0))
            continue;
        if (is_binary(l, BinaryenAddInt32()) && is_id(BinaryenBinaryGetLeft(l), ID_LOCAL_GET) &&
            is_digit_of(BinaryenBinaryGetRight(l), 1) && is_digit_of(r, 3))
            found(&f_add, f, "mpn_add");
        else if (is_binary(l, BinaryenSubInt32()) && is_digit_of(BinaryenBinaryGetLeft(l), 1) &&
                 is_digit_of(BinaryenBinaryGetRight(l), 3) && is_id(r, ID_LOCAL_GET))
            found(&f_sub, f, "mpn_sub");
    }
    if (!f_add) mismatch("%s", "mpn_add not found");
    if (!f_sub) mismatch("%s", "mpn_sub not found");
}

/* mpz_as_str_inpl(i, base, prefix, base_char, comma, str) -> length:
 * (i32 x 6) -> i32, the one function of that signature that divides by
 * its parameter 1 (the base: i32.div_u (...) (local.get 1)), picks the
 * comma interval (select (i32.const 3) (i32.const 4) (i32.eq (local.get 1)
 * (i32.const 10))) and stores a '-' (i32.store8 (...) (i32.const 45)). */
static BinaryenFunctionRef f_as_str;

static void find_as_str(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 6, 1)) continue;
        collect(f);
        int divides = 0, interval = 0, minus = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_binary(e, BinaryenDivUInt32()) && is_local(BinaryenBinaryGetRight(e), 1)) divides = 1;
            if (is_id(e, ID_SELECT) && is_const_eq(BinaryenSelectGetIfTrue(e), 3) &&
                is_const_eq(BinaryenSelectGetIfFalse(e), 4)) {
                BinaryenExpressionRef c = BinaryenSelectGetCondition(e);
                while (is_id(c, ID_LOCAL_SET) && BinaryenLocalSetIsTee(c)) c = BinaryenLocalSetGetValue(c);
                if (is_id(c, ID_LOCAL_GET)) {
                    /* the condition was computed before: (local.set X (i32.eq (local.get 1) (i32.const 10))) */
                    for (size_t q = 0; q < nnodes; q++)
                        if (is_id(nodes[q], ID_LOCAL_SET) &&
                            BinaryenLocalSetGetIndex(nodes[q]) == BinaryenLocalGetGetIndex(c)) {
                            BinaryenExpressionRef v = BinaryenLocalSetGetValue(nodes[q]);
                            if (is_binary(v, BinaryenEqInt32()) && is_local(BinaryenBinaryGetLeft(v), 1) &&
                                is_const_eq(BinaryenBinaryGetRight(v), 10))
                                interval = 1;
                        }
                } else if (is_binary(c, BinaryenEqInt32()) && is_local(BinaryenBinaryGetLeft(c), 1) &&
                           is_const_eq(BinaryenBinaryGetRight(c), 10)) {
                    interval = 1;
                }
            }
            if (is_id(e, ID_STORE) && BinaryenStoreGetBytes(e) == 1 && is_const_eq(BinaryenStoreGetValue(e), 45))
                minus = 1;
        }
        if (divides && interval && minus) found(&f_as_str, f, "mpz_as_str_inpl");
    }
    if (!f_as_str) mismatch("%s", "mpz_as_str_inpl not found");
}

static BinaryenType i32xn(BinaryenIndex n)
{
    BinaryenType v[6] = {BinaryenTypeInt32(), BinaryenTypeInt32(), BinaryenTypeInt32(),
                         BinaryenTypeInt32(), BinaryenTypeInt32(), BinaryenTypeInt32()};
    return BinaryenTypeCreate(v, n);
}

/* f's body becomes a call of the import env.BASE with f's n parameters. */
static void redirect(BinaryenFunctionRef f, BinaryenIndex n, const char *internal, const char *base)
{
    if (BinaryenGetFunction(mod, internal)) mismatch("%s already exists", internal);
    BinaryenAddFunctionImport(mod, internal, "env", base, i32xn(n), BinaryenTypeInt32());
    BinaryenExpressionRef a[6];
    for (BinaryenIndex i = 0; i < n; i++) a[i] = lget(i);
    BinaryenFunctionSetBody(f, call(internal, a, n, BinaryenTypeInt32()));
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "bignum", NULL);
    if (BinaryenGetFunction(mod, "mpbox$mpz_mul")) die("%s was already rewritten", argv[1]);
    find_mul();
    find_div();
    find_add_sub();
    find_as_str();
    redirect(f_add, 5, "mpbox$mpn_add", "mpbox_mpn_add");
    redirect(f_sub, 5, "mpbox$mpn_sub", "mpbox_mpn_sub");
    redirect(f_as_str, 6, "mpbox$mpz_as_str", "mpbox_mpz_as_str");

    add_import("mpbox$mpz_mul", "mpbox_mpz_mul", 3, 1);
    add_import("mpbox$mpz_divmod", "mpbox_mpz_divmod", 3, 0);

    BinaryenExpressionRef last = BinaryenBlockGetChildAt(mul_block, mul_loop_at + 1);
    BinaryenIndex len_local = BinaryenLocalSetGetIndex(last);
    BinaryenExpressionRef margs[3] = {lget(0), lget(1), lget(2)};
    BinaryenBlockSetChildAt(mul_block, mul_loop_at,
                            BinaryenLocalSet(mod, len_local, call("mpbox$mpz_mul", margs, 3, BinaryenTypeInt32())));
    BinaryenBlockSetChildAt(mul_block, mul_loop_at + 1, BinaryenNop(mod));

    BinaryenExpressionRef dargs[3] = {lget(0), lget(1), lget(3)};
    BinaryenBlockSetChildAt(div_parent, div_at, call("mpbox$mpz_divmod", dargs, 3, BinaryenTypeNone()));

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: mpn_add, mpn_sub, mpn_mul, mpn_div and mpz_as_str_inpl redirected to the host\n", prog, argv[1], argv[2]);
    return 0;
}
