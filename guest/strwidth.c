/* strwidth — pad strings by characters, not bytes.
 *
 *   strwidth IN.wasm OUT.wasm
 *
 * MicroPython pads every formatted field in mp_print_strn(print, str, len,
 * flags, fill, width) with width - len fill characters, len counted in
 * bytes: f"{'é':<5}|", "%-5s" % "é", format("€", ">3") come out one fill
 * character short per byte of UTF-8 beyond the first of each character
 * (CPython counts characters). Every padded str field goes through that
 * one function, so this tool gives it a new body that widens the field by
 * the number of UTF-8 continuation bytes (10xxxxxx) in the text, then runs
 * the original:
 *
 *     if (width > 0)
 *         for (p = str; p < str + len; p++) width += (*p & 0xc0) == 0x80
 *     return original(print, str, len, flags, fill, width)
 *
 * so that the padding is width - characters. Numbers are ASCII and keep
 * their padding; only a bytes field (b'%5s' % b'\x80', rare) with bytes
 * of 10xxxxxx gets padded as if they were UTF-8 continuations.
 *
 * Found structurally and verified, or the build stops:
 *   mp_print_strn  the one function (i32 x 6) -> i32 holding the
 *                  addresses of its two pad texts, sixteen spaces and
 *                  sixteen zeroes (py/mpprint.c; the compiler lays them
 *                  out one after the other, without NULs). */
#include "match.h"

#define ORIG_NAME "mpbox$print_strn_orig"
#define PAD_SPACES "                "
#define PAD_ZEROES "0000000000000000"

static BinaryenFunctionRef f_strn;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static void find(void)
{
    int32_t spaces = bytes_address(PAD_SPACES PAD_ZEROES, strlen(PAD_SPACES PAD_ZEROES), 1);
    int32_t zeroes = spaces + (int32_t)strlen(PAD_SPACES);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 6, 1)) continue;
        collect(f);
        int has_spaces = 0, has_zeroes = 0;
        for (size_t k = 0; k < nnodes; k++) {
            has_spaces |= is_const_eq(nodes[k], spaces);
            has_zeroes |= is_const_eq(nodes[k], zeroes);
        }
        if (has_spaces && has_zeroes) found(&f_strn, f, "mp_print_strn");
    }
    if (!f_strn) mismatch("%s", "mp_print_strn not found");
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "strwidth", NULL);
    if (BinaryenGetFunction(mod, ORIG_NAME)) die("%s was already rewritten", argv[1]);
    find();
    const BinaryenType I = BinaryenTypeInt32();

    /* The original under a new name. */
    add_function_like(mod, f_strn, ORIG_NAME, BinaryenFunctionGetBody(f_strn));

    /* Params 0 print, 1 str, 2 len, 3 flags, 4 fill, 5 width; locals 6 p,
     * 7 end. */
    const BinaryenIndex STR = 1, LEN = 2, WIDTH = 5, P = 6, END = 7;
    BinaryenExpressionRef cont = BinaryenBinary(
        mod, BinaryenEqInt32(),
        BinaryenBinary(mod, BinaryenAndInt32(), BinaryenLoad(mod, 1, false, 0, 1, I, lget(P)), c32(0xc0)), c32(0x80));
    BinaryenExpressionRef step = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, WIDTH, BinaryenBinary(mod, BinaryenAddInt32(), lget(WIDTH), cont)),
            BinaryenLocalSet(mod, P, BinaryenBinary(mod, BinaryenAddInt32(), lget(P), c32(1))),
            BinaryenBreak(mod, "mpbox$byte", NULL, NULL),
        },
        3, BinaryenTypeNone());
    BinaryenExpressionRef loop =
        BinaryenLoop(mod, "mpbox$byte", BinaryenIf(mod, BinaryenBinary(mod, BinaryenLtUInt32(), lget(P), lget(END)), step, NULL));
    BinaryenExpressionRef count = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, P, lget(STR)),
            BinaryenLocalSet(mod, END, BinaryenBinary(mod, BinaryenAddInt32(), lget(STR), lget(LEN))),
            loop,
        },
        3, BinaryenTypeNone());
    BinaryenExpressionRef args[6] = {lget(0), lget(1), lget(2), lget(3), lget(4), lget(5)};
    BinaryenExpressionRef body = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenIf(mod, BinaryenBinary(mod, BinaryenGtSInt32(), lget(WIDTH), c32(0)), count, NULL),
            call(ORIG_NAME, args, 6, I),
        },
        2, I);
    replace_function(mod, f_strn, (BinaryenType[]){I, I}, 2, body);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: fields padded by characters\n", prog, argv[1], argv[2]);
    return 0;
}
