/* errtext — CPython's texts for some error messages.
 *
 *   errtext IN.wasm OUT.wasm
 *
 * 1. ZeroDivisionError.
 * MicroPython says "divide by zero" for every division by zero; CPython
 * words it by operation and type: "division by zero" (int /), "integer
 * division or modulo by zero" (int //, divmod), "integer modulo by zero"
 * (int %), "float division by zero", "float floor division by zero", "float
 * modulo", "float divmod()", "0.0 cannot be raised to a negative power".
 * Programs print str(e), so the text matters.
 *
 * This tool finds the raises with the address of "divide by zero" and
 * replaces that operand by a call of a new function
 *
 *     mpbox$div0_text(op, is_float) -> the text's address
 *
 * which picks CPython's text from a table of addresses (the global
 * mpbox_error_texts, handed over while the start-up image is built by
 * lib/python/_mpbox_exc.py: js.mpbox_internal('error_texts', ADDR),
 * core/internal.c), or keeps MicroPython's text while there is no table.
 * The operation is the function's first parameter, saved at its entry (the
 * optimiser reuses parameters' locals).
 *
 * Found structurally and verified, or the build stops (five raises):
 *   mp_binary_op           the export mpbox_binary_op (guest/sort): small
 *                          ints, op in parameter 0;
 *   mp_obj_int_binary_op   the other (i32, i32, i32) -> i32 function whose
 *                          raise passes (type, text): big ints;
 *   mp_obj_float_binary_op (i32 op, f64, i32) -> i32: floats;
 *   math.log               (i32, i32) -> i32: log(x, 1) divides by log(1),
 *                          "float division by zero";
 *   pow(a, b, 0)           the raise with the text alone: left as it is
 *                          (CPython raises ValueError there; the library's
 *                          pow() answers before the guest's).
 *
 * 2. int('x1'): MicroPython says "invalid syntax for integer with base 10:
 * 'x1'", CPython "invalid literal for int() with base 10: 'x1'". The one
 * use of the format "invalid syntax for integer with base %d: " gets the
 * table's ninth text instead (same %d).
 *
 * Run after guest/sort (its export). py/runtime0.h: the binary operators'
 * numbers below. */
#include "match.h"

#define TABLE_GLOBAL "mpbox_error_texts"
#define TEXT_FN "mpbox$div0_text"
#define DIV0_MSG "divide by zero"
#define INT_MSG "invalid syntax for integer with base %d: "
/* mp_binary_op_t (MicroPython 1.27) */
#define OP_INPLACE_FLOOR_DIVIDE 18
#define OP_INPLACE_TRUE_DIVIDE 19
#define OP_INPLACE_MODULO 20
#define OP_INPLACE_POWER 21
#define OP_FLOOR_DIVIDE 31
#define OP_TRUE_DIVIDE 32
#define OP_MODULO 33
#define OP_POWER 34
#define OP_DIVMOD 35
/* the table's entries, in lib/python/_mpbox_exc.py's order */
enum { T_DIV, T_INT_DIV, T_INT_MOD, T_FLOAT_DIV, T_FLOAT_FLOORDIV, T_FLOAT_MOD, T_FLOAT_DIVMOD, T_FLOAT_POW, T_INT_LITERAL };

enum { K_INT, K_FLOAT, K_LOG };
typedef struct {
    BinaryenFunctionRef f;
    BinaryenExpressionRef call; /* the raise */
    BinaryenIndex operand;      /* the text's operand */
    int kind;
} site;

static site sites[8];
static int nsites;
static int32_t msg;

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

static int sig_is(BinaryenFunctionRef f, const BinaryenType *want, BinaryenIndex n, BinaryenType result)
{
    BinaryenType p = BinaryenFunctionGetParams(f);
    if (BinaryenTypeArity(p) != n || BinaryenFunctionGetResults(f) != result) return 0;
    BinaryenType v[8];
    BinaryenTypeExpand(p, v);
    for (BinaryenIndex i = 0; i < n; i++)
        if (v[i] != want[i]) return 0;
    return 1;
}

static void find(void)
{
    const BinaryenType I = BinaryenTypeInt32(), F = BinaryenTypeFloat64();
    msg = text_address(DIV0_MSG, 1);
    BinaryenExportRef ex = BinaryenGetExport(mod, "mpbox_binary_op");
    if (!ex) mismatch("%s", "no export mpbox_binary_op: run guest/sort first");
    BinaryenFunctionRef binary_op = BinaryenGetFunction(mod, BinaryenExportGetValue(ex));
    int n_int = 0, n_big = 0, n_float = 0, n_log = 0, n_alone = 0;
    const_use uses[8];
    size_t nuses = const_uses(msg, uses, 8);
    for (size_t u = 0; u < nuses; u++) {
        BinaryenFunctionRef f = uses[u].f;
        BinaryenIndex n = BinaryenCallGetNumOperands(uses[u].call);
        if (n == 1) {
            n_alone++; /* pow(a, b, 0) */
            continue;
        }
        if (n != 2 || uses[u].operand != 1) mismatch("%s", "the text is passed in an unknown way");
        int kind;
        if (f == binary_op) {
            kind = K_INT;
            n_int++;
        } else if (sig_is(f, (BinaryenType[]){I, I, I}, 3, I)) {
            kind = K_INT;
            n_big++;
        } else if (sig_is(f, (BinaryenType[]){I, F, I}, 3, I)) {
            kind = K_FLOAT;
            n_float++;
        } else if (sig_is(f, (BinaryenType[]){I, I}, 2, I)) {
            kind = K_LOG;
            n_log++;
        } else {
            mismatch("%s", "the text is raised by a function of an unknown signature");
        }
        sites[nsites++] = (site){f, uses[u].call, uses[u].operand, kind};
    }
    if (n_int != 1 || n_big != 1 || n_float != 1 || n_log != 1 || n_alone != 1)
        mismatch("%s", "the raises of \"divide by zero\" are not the five expected");
}

/* op == a || op == b */
static BinaryenExpressionRef is_op(int32_t a, int32_t b)
{
    return BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenEqInt32(), lget(0), c32(a)),
                          BinaryenBinary(mod, BinaryenEqInt32(), lget(0), c32(b)));
}

/* select(a, b, cond) */
static BinaryenExpressionRef pick(BinaryenExpressionRef cond, int32_t a, BinaryenExpressionRef b)
{
    return BinaryenSelect(mod, cond, c32(a), b, BinaryenTypeInt32());
}

static void add_text_fn(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenExpressionRef int_idx =
        pick(is_op(OP_TRUE_DIVIDE, OP_INPLACE_TRUE_DIVIDE), T_DIV, pick(is_op(OP_MODULO, OP_INPLACE_MODULO), T_INT_MOD, c32(T_INT_DIV)));
    BinaryenExpressionRef float_idx = pick(
        is_op(OP_FLOOR_DIVIDE, OP_INPLACE_FLOOR_DIVIDE), T_FLOAT_FLOORDIV,
        pick(is_op(OP_MODULO, OP_INPLACE_MODULO), T_FLOAT_MOD,
             pick(is_op(OP_DIVMOD, OP_DIVMOD), T_FLOAT_DIVMOD, pick(is_op(OP_POWER, OP_INPLACE_POWER), T_FLOAT_POW, c32(T_FLOAT_DIV)))));
    BinaryenExpressionRef idx = BinaryenSelect(mod, lget(1), float_idx, int_idx, I);
    BinaryenExpressionRef addr = BinaryenBinary(mod, BinaryenAddInt32(), BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                                                BinaryenBinary(mod, BinaryenShlInt32(), idx, c32(2)));
    BinaryenExpressionRef body = BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                                            BinaryenLoad(mod, 4, false, 0, 4, I, addr), c32(msg));
    BinaryenAddFunction(mod, TEXT_FN, i32s(2), I, NULL, 0, body);
}

/* f with one more local, set to its first parameter at entry; returns its
 * index. */
static BinaryenIndex save_op(BinaryenFunctionRef f)
{
    BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
    BinaryenExpressionRef entry[2] = {BinaryenLocalSet(mod, s, lget(0)), BinaryenFunctionGetBody(f)};
    return recreate_with_locals(f, 1, BinaryenBlock(mod, NULL, entry, 2, BinaryenFunctionGetResults(f)));
}

int main(int argc, char **argv)
{
    prog = "errtext";
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.wasm OUT.wasm\n", prog);
        return 2;
    }
    init_ids();
    mod = read_module(argv[1]);
    if (BinaryenGetGlobal(mod, TABLE_GLOBAL)) die("%s was already rewritten", argv[1]);
    find();
    BinaryenAddGlobal(mod, TABLE_GLOBAL, BinaryenTypeInt32(), true, c32(0));
    BinaryenAddGlobalExport(mod, TABLE_GLOBAL, TABLE_GLOBAL);
    add_text_fn();
    for (int i = 0; i < nsites; i++) {
        site *st = &sites[i];
        BinaryenExpressionRef text;
        if (st->kind == K_LOG) {
            text = call(TEXT_FN, (BinaryenExpressionRef[]){c32(OP_TRUE_DIVIDE), c32(1)}, 2, BinaryenTypeInt32());
            BinaryenCallSetOperandAt(st->call, st->operand, text);
            continue;
        }
        /* the local save_op adds; the raise's expression stays in the
         * body that save_op moves into the re-created function */
        BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(st->f)) + BinaryenFunctionGetNumVars(st->f);
        text = call(TEXT_FN, (BinaryenExpressionRef[]){lget(s), c32(st->kind == K_FLOAT)}, 2, BinaryenTypeInt32());
        BinaryenCallSetOperandAt(st->call, st->operand, text);
        if (save_op(st->f) != s) mismatch("%s", "local numbering");
    }
    /* int(): the format's one use */
    int32_t int_msg = data_address(INT_MSG);
    const_use uses[2];
    if (const_uses(int_msg, uses, 2) != 1) mismatch("%s", "the int() format is not used exactly once");
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenCallSetOperandAt(uses[0].call, uses[0].operand,
                             BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                                        BinaryenLoad(mod, 4, false, 4 * T_INT_LITERAL, 4, I,
                                                     BinaryenGlobalGet(mod, TABLE_GLOBAL, I)),
                                        c32(int_msg)));
    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: %d ZeroDivisionError texts and int()'s chosen as CPython's\n", prog, argv[1], argv[2], nsites);
    return 0;
}
