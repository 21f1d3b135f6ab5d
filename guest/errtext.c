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
 * table's ninth text instead (same %d), and the argument is quoted whole
 * (see int_text_whole).
 *
 * 3. Texts with the same arguments as MicroPython's: every use of
 * "'%s' object isn't subscriptable", "... isn't iterable", "... isn't
 * callable", "name '%q' isn't defined", "%q indices must be integers, not
 * %s" and "'%s' object doesn't support item assignment" gets the table's
 * text (CPython's wording) instead, while there is a table.
 *
 * 4. A binary operation no type supports: MicroPython raises
 * "unsupported types for %q: '%s', '%s'" with the operator's method name
 * and the two type names in a va_list of three words. The format becomes
 * env.mpbox_binop_text(op, va, format) (host/exc.c), which picks CPython's
 * text by operator and types ("can only concatenate str (not "int") to
 * str", "'<' not supported between instances of ...", "unsupported operand
 * type(s) for +: ...") and rewrites the three words to its arguments. The
 * raise is found as the one use of the format; its va_list is its third
 * operand, a local, and its first word is stored just before as
 * i32.load8_u offset=TABLE (op) (mp_binary_op_method_name[op]).
 *
 * 5. float('abc'): MicroPython raises mp_obj_new_exception_msg(ValueError,
 * "invalid syntax for number") in mp_parse_num_decimal(str, len,
 * allow_imag, force_complex, lex); CPython says "could not convert string
 * to float: 'abc'". The function saves str, len, allow_imag and lex at
 * entry (the optimiser reuses parameters' locals), and its raise calls
 *
 *     mpbox$float_exc(type, text, str, len, allow_imag, lex)
 *
 * which, for float() (no lexer: not a literal in source; allow_imag 0: not
 * complex()) and while there is a table, raises with
 * mp_raise_msg_varg(type, table text T_FLOAT_LITERAL, va) with va = {len,
 * str} on the shadow stack (the text's "%.*s"), and else makes the
 * exception as before. mp_raise_msg_varg is found as the callee of the
 * unsupported-types raise (4.). For complex() (no lexer, allow_imag 1)
 * the exception is made with the table's text "complex() arg is a
 * malformed string" instead.
 *
 * 6. A unary operation the type does not support: MicroPython raises
 * "unsupported type for %q: '%s'" with the operator's method name and the
 * type's name; CPython says "unhashable type: 'list'", "bad operand type
 * for unary -: 'str'", "bad operand type for abs(): 'str'". The one use of
 * the format (mp_unary_op) becomes
 *
 *     mpbox$unop_text(op, va, format):
 *         t = table && op < 8 ? table[T_UNARY + op] : 0
 *         if (!t) return format
 *         va[0] = va[1]; return t      // the text takes the type's name
 *
 * the operator found as in 4. (the byte of mp_unary_op_method_name[op]
 * stored as the va_list's first word). The table's unary texts follow
 * float()'s, by operator number, 0 where MicroPython's text stays.
 *
 * 7. Unpacking too few values: MicroPython raises "need more than %d
 * values to unpack" (seq_len) from mp_unpack_sequence(seq, num, items) and
 * mp_unpack_ex(seq, num_in, items); CPython says "not enough values to
 * unpack (expected 3, got 2)" ("expected at least" for a starred target).
 * Both raises, mp_raise_msg_varg(type, format, va), call instead
 *
 *     mpbox$unpack_raise(type, format, va, num, starred)
 *
 * (num saved at the function's entry) which, while there is a table,
 * raises with the table's text and a new va_list {expected, va[0]} on the
 * shadow stack; expected is num, or for mp_unpack_ex the left and right
 * counts in num_in's two low bytes added. The one that also raises "too
 * many values to unpack (expected %d)" (CPython's text already) is
 * mp_unpack_sequence.
 *
 * 8. Every use of "unknown format code '%c' for object of type '%s'" takes
 * the table's "Unknown format code ..." (CPython's capital), and the texts
 * of late_texts below theirs.
 *
 * 9. A dict that changes size while iterated: MicroPython's dict iterator
 * (mp_obj_dict_view_it_t: type, kind, dict, cur) walks the table up to its
 * current end, so a loop adding keys ran until the memory cap and one
 * deleting keys went on silently; CPython raises RuntimeError("dictionary
 * changed size during iteration"). The iterator's next function
 * (dict_view_it_iternext: the function dict_view_print calls with its
 * iterator, dict_view_print being the one reader of the array of the
 * addresses of "dict_items", "dict_keys", "dict_values") gets at entry
 *
 *     w = self->kind
 *     if (w & 4) { if ((w ^ dict->map.word0) & ~7) raise RuntimeError }
 *     else if (self->cur == 0 && table) self->kind = w | 4 | (word0 & ~7)
 *
 * the size (map word 0 holds `used` above three flag bits) recorded in the
 * kind word's free bits at the first step (kind is 0..2), and its one read
 * of kind masked to the two low bits. The type and the text are the
 * table's. No other user of the iterator reads kind.
 *
 * 10. Errors in a call's arguments ("f() missing 1 required positional
 * argument: 'b'"): the raises of fun_pos_args_mismatch and
 * mp_setup_code_state_helper ask lib/python/_mpbox_exc.py for CPython's
 * text (call_texts below).
 *
 * 11. max() and min() of an empty sequence: MicroPython's
 * mp_builtin_min_max(n_args, args, kwargs, op) raises "arg is an empty
 * sequence" for both; CPython names the function. op (MP_BINARY_OP_MORE
 * for max, MP_BINARY_OP_LESS for min) is its fourth parameter, which it
 * only reads: the raise takes the table's max() or min() text by op.
 *
 * 12. Exception types CPython has and MicroPython lacks, for two raises:
 * a local variable read (or deleted) before it is assigned, where
 * mp_execute_bytecode raises NameError("local variable referenced before
 * assignment") and CPython UnboundLocalError, a subclass of NameError; and
 * mp_raise_recursion_depth's RuntimeError("maximum recursion depth
 * exceeded"), CPython's RecursionError, a subclass of RuntimeError. Each
 * raise's one call (type, text) takes the type from the table
 * (T_UNBOUND_LOCAL, T_RECURSION: types lib/python/_mpbox_exc.py makes as
 * copies of NameError's and RuntimeError's) while there is one. The texts
 * stay MicroPython's (CPython's UnboundLocalError names the variable, which
 * the bytecode does not keep). The Python stack running out (mp_pystack_alloc's
 * RuntimeError("pystack exhausted"), deep recursion through *args or
 * **kwargs) raises RecursionError("maximum recursion depth exceeded") too,
 * as CPython's deep recursion does.
 *
 * Run after guest/sort (its export). py/runtime0.h: the binary operators'
 * numbers below. */
#include "match.h"

#define TABLE_GLOBAL "mpbox_error_texts"
#define TEXT_FN "mpbox$div0_text"
#define DIV0_MSG "divide by zero"
#define INT_MSG "invalid syntax for integer with base %d: "
#define BINOP_MSG "unsupported types for %q: '%s', '%s'"
#define FLOAT_MSG "invalid syntax for number"
#define FLOAT_EXC_FN "mpbox$float_exc"
#define UNOP_MSG "unsupported type for %q: '%s'"
#define UNOP_FN "mpbox$unop_text"
#define N_UNARY 8 /* the unary operators with a table entry: POSITIVE .. ABS */
#define UNPACK_MSG "need more than %d values to unpack"
#define UNPACK_LONG_MSG "too many values to unpack (expected %d)"
#define UNPACK_FN "mpbox$unpack_raise"
#define FORMAT_CODE_MSG "unknown format code '%c' for object of type '%s'"
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
enum { T_DIV, T_INT_DIV, T_INT_MOD, T_FLOAT_DIV, T_FLOAT_FLOORDIV, T_FLOAT_MOD, T_FLOAT_DIVMOD, T_FLOAT_POW, T_INT_LITERAL,
       T_SAME_ARGS /* then the texts of `same_args`, in order */ };

/* MicroPython's texts whose uses take the table's entry T_SAME_ARGS + i */
static const char *const same_args[] = {
    "'%s' object isn't subscriptable",
    "'%s' object isn't iterable",
    "'%s' object isn't callable",
    "name '%q' isn't defined",
    "%q indices must be integers, not %s",
    "'%s' object doesn't support item assignment",
};
#define N_SAME_ARGS (sizeof same_args / sizeof *same_args)
/* float()'s text: after the four binary-operation formats and the 36
 * operator symbols host/exc.c reads (its E_WORDS) */
#define T_FLOAT_LITERAL (T_SAME_ARGS + N_SAME_ARGS + 4 + OP_DIVMOD + 1)
#define T_UNARY (T_FLOAT_LITERAL + 1)
/* after the unary texts: unpacking (7.), format code (8.), then the dict
 * iteration's text and the address of RuntimeError (9.) */
#define T_UNPACK (T_UNARY + N_UNARY)
#define T_UNPACK_EX (T_UNPACK + 1)
#define T_FORMAT_CODE (T_UNPACK + 2)
#define T_DICT_CHANGED (T_UNPACK + 3)
#define T_RUNTIME_ERROR (T_UNPACK + 4)
#define T_LATE (T_UNPACK + 5)

/* MicroPython's texts whose uses take the table's entry T_LATE + i */
static const char *const late_texts[] = {
    "can't switch from manual field specification to automatic field numbering",
    "can't switch from automatic field numbering to manual field specification",
    "single '}' encountered in format string",
    "'%s' object isn't an iterator",
    "slice step can't be zero",
    "format string needs more arguments",
    "format string didn't convert all arguments",
    "int() arg 2 must be >= 2 and <= 36",
    "zero step",
    "empty heap",
    "bytes value out of range",
};
#define N_LATE (sizeof late_texts / sizeof *late_texts)
/* max()'s and min()'s texts for an empty sequence (11.) */
#define T_MAX_EMPTY (T_LATE + N_LATE)
#define T_MIN_EMPTY (T_MAX_EMPTY + 1)
/* complex()'s text (5.) */
#define T_COMPLEX_LITERAL (T_MIN_EMPTY + 1)
/* the UnboundLocalError and RecursionError types (12.) */
#define T_UNBOUND_LOCAL (T_COMPLEX_LITERAL + 1)
#define T_RECURSION (T_UNBOUND_LOCAL + 1)
#define UNBOUND_MSG "local variable referenced before assignment"
#define EMPTY_MSG "arg is an empty sequence"
#define OP_MORE 1 /* mp_binary_op_t: MP_BINARY_OP_MORE, max()'s */

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

/* The local holding the operator at the raise `c` of a format, whose
 * va_list (operand 2, a local) gets as first word a byte of a table
 * indexed by that local: the method name of the operator. */
static BinaryenExpressionRef operator_of(BinaryenFunctionRef f, BinaryenExpressionRef c, const char *what)
{
    BinaryenExpressionRef va = BinaryenCallGetOperandAt(c, 2), op = NULL;
    if (!is_id(va, ID_LOCAL_GET)) mismatch("the %s va_list is not a local", what);
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_STORE) || BinaryenStoreGetOffset(e) != 0 || !is_local(BinaryenStoreGetPtr(e), BinaryenLocalGetGetIndex(va)))
            continue;
        BinaryenExpressionRef v = BinaryenStoreGetValue(e);
        if (is_id(v, ID_LOAD) && BinaryenLoadGetBytes(v) == 1 && !BinaryenLoadIsSigned(v) &&
            is_id(BinaryenLoadGetPtr(v), ID_LOCAL_GET)) {
            if (op) mismatch("two stores of the %s operator's method name", what);
            op = BinaryenLoadGetPtr(v);
        }
    }
    if (!op) mismatch("the operator of the %s raise not found", what);
    return op;
}

/* 6.: the unary operations' texts */
static void unop_text(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    const BinaryenIndex OP = 0, VA = 1, FMT = 2, T = 3;
    int32_t unop_msg = data_address(UNOP_MSG);
    const_use uses[2];
    if (const_uses(unop_msg, uses, 2) != 1 || uses[0].operand != 1 || BinaryenCallGetNumOperands(uses[0].call) != 3)
        mismatch("%s", "the unsupported-type format is not raised once as (type, format, va_list)");
    BinaryenExpressionRef op = operator_of(uses[0].f, uses[0].call, "unsupported-type");
    BinaryenExpressionRef entry = BinaryenLoad(
        mod, 4, false, 4 * T_UNARY, 4, I,
        BinaryenBinary(mod, BinaryenAddInt32(), BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                       BinaryenBinary(mod, BinaryenShlInt32(), lget(OP), c32(2))));
    BinaryenExpressionRef have = BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, TABLE_GLOBAL, I), c32(0)),
                                                BinaryenBinary(mod, BinaryenLtUInt32(), lget(OP), c32(N_UNARY)));
    BinaryenExpressionRef body[] = {
        BinaryenLocalSet(mod, T, BinaryenIf(mod, have, entry, c32(0))),
        BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), lget(T)), BinaryenReturn(mod, lget(FMT)), NULL),
        BinaryenStore(mod, 4, 0, 4, lget(VA), BinaryenLoad(mod, 4, false, 4, 4, I, lget(VA)), I),
        lget(T),
    };
    BinaryenAddFunction(mod, UNOP_FN, i32s(3), I, (BinaryenType[]){I}, 1,
                        BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, I));
    BinaryenCallSetOperandAt(uses[0].call, 1,
                             call(UNOP_FN,
                                  (BinaryenExpressionRef[]){BinaryenExpressionCopy(op, mod),
                                                            BinaryenExpressionCopy(BinaryenCallGetOperandAt(uses[0].call, 2), mod),
                                                            c32(unop_msg)},
                                  3, I));
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

/* table[i] while there is a table, else `otherwise` */
static BinaryenExpressionRef table_word(uint32_t i, BinaryenExpressionRef otherwise)
{
    const BinaryenType I = BinaryenTypeInt32();
    return BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                      BinaryenLoad(mod, 4, false, 4 * i, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I)), otherwise);
}

/* 5.: float()'s text. varg is mp_raise_msg_varg (it raises). */
static void float_text(BinaryenFunctionRef varg)
{
    const BinaryenType I = BinaryenTypeInt32();
    int32_t text = data_address(FLOAT_MSG);
    const_use uses[2];
    if (const_uses(text, uses, 2) != 1 || uses[0].operand != 1 || BinaryenCallGetNumOperands(uses[0].call) != 2)
        mismatch("%s", "\"invalid syntax for number\" is not raised once as (type, text)");
    BinaryenFunctionRef f = uses[0].f, make = callee(uses[0].call);
    if (!has_sig(f, 5, 1) || !has_sig(make, 2, 1) || !has_sig(varg, 3, 0))
        mismatch("%s", "mp_parse_num_decimal or the exception constructors have unknown signatures");
    const char *sp = stack_pointer();

    /* mpbox$float_exc(type, text, str, len, allow_imag, lex); local 6 va.
     * mp_raise_msg_varg raises: the shadow stack is reset where the
     * exception is caught, as for every raise with a va_list there. */
    const BinaryenIndex TYPE = 0, TEXT = 1, STR = 2, LEN = 3, IMAG = 4, LEX = 5, VA = 6;
    BinaryenExpressionRef is_float = BinaryenBinary(
        mod, BinaryenAndInt32(),
        BinaryenBinary(mod, BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), lget(LEX)),
                       BinaryenUnary(mod, BinaryenEqZInt32(), lget(IMAG))),
        BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, TABLE_GLOBAL, I), c32(0)));
    BinaryenExpressionRef fmt = BinaryenLoad(mod, 4, false, 4 * T_FLOAT_LITERAL, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I));
    BinaryenExpressionRef varg_args[3] = {lget(TYPE), fmt, lget(VA)};
    BinaryenExpressionRef cpython = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, VA, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(16))),
            BinaryenGlobalSet(mod, sp, lget(VA)),
            BinaryenStore(mod, 4, 0, 4, lget(VA), lget(LEN), I),
            BinaryenStore(mod, 4, 4, 4, lget(VA), lget(STR), I),
            call(BinaryenFunctionGetName(varg), varg_args, 3, BinaryenTypeNone()),
            BinaryenUnreachable(mod),
        },
        6, I);
    BinaryenExpressionRef is_complex = BinaryenBinary(mod, BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), lget(LEX)),
                                                      BinaryenBinary(mod, BinaryenNeInt32(), lget(IMAG), c32(0)));
    BinaryenExpressionRef text_args[2] = {lget(TYPE), BinaryenIf(mod, is_complex, table_word(T_COMPLEX_LITERAL, lget(TEXT)), lget(TEXT))};
    BinaryenExpressionRef body = BinaryenIf(mod, is_float, cpython, call(BinaryenFunctionGetName(make), text_args, 2, I));
    BinaryenType params[6] = {I, I, I, I, I, I}, locals[1] = {I};
    BinaryenAddFunction(mod, FLOAT_EXC_FN, BinaryenTypeCreate(params, 6), I, locals, 1, body);

    /* the raise calls it with the saved parameters */
    BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
    BinaryenCallSetTarget(uses[0].call, FLOAT_EXC_FN);
    BinaryenCallAppendOperand(uses[0].call, lget(s));     /* str */
    BinaryenCallAppendOperand(uses[0].call, lget(s + 1)); /* len */
    BinaryenCallAppendOperand(uses[0].call, lget(s + 2)); /* allow_imag */
    BinaryenCallAppendOperand(uses[0].call, lget(s + 3)); /* lex */
    BinaryenExpressionRef entry[5] = {BinaryenLocalSet(mod, s, lget(0)), BinaryenLocalSet(mod, s + 1, lget(1)),
                                      BinaryenLocalSet(mod, s + 2, lget(2)), BinaryenLocalSet(mod, s + 3, lget(4)),
                                      BinaryenFunctionGetBody(f)};
    if (recreate_with_locals(f, 4, BinaryenBlock(mod, NULL, entry, 5, I)) != s) mismatch("%s", "local numbering");
}

/* 11.: max() and min() of an empty sequence. */
static void min_max_text(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    int32_t addr = data_address(EMPTY_MSG);
    const_use cu[2];
    if (const_uses(addr, cu, 2) != 1 || !sig_is(cu[0].f, (BinaryenType[]){I, I, I, I}, 4, I))
        mismatch("%s", "the empty-sequence text is not raised once, by a function of four parameters");
    collect(cu[0].f);
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_LOCAL_SET) && BinaryenLocalSetGetIndex(nodes[k]) == 3)
            mismatch("%s", "mp_builtin_min_max writes its operator parameter");
    BinaryenExpressionRef is_max = BinaryenBinary(mod, BinaryenEqInt32(), lget(3), c32(OP_MORE));
    BinaryenCallSetOperandAt(cu[0].call, cu[0].operand,
                             BinaryenIf(mod, is_max, table_word(T_MAX_EMPTY, c32(addr)), table_word(T_MIN_EMPTY, c32(addr))));
}

/* 7.: the unpacking texts. varg is mp_raise_msg_varg. */
static void unpack_text(BinaryenFunctionRef varg)
{
    const BinaryenType I = BinaryenTypeInt32();
    int32_t short_msg = data_address(UNPACK_MSG), long_msg = data_address(UNPACK_LONG_MSG);
    const_use uses[3], longs[2];
    if (const_uses(short_msg, uses, 3) != 2 || const_uses(long_msg, longs, 2) != 1)
        mismatch("%s", "the unpacking texts are not raised twice and once");
    const char *sp = stack_pointer();
    const BinaryenIndex TYPE = 0, FMT = 1, VA = 2, NUM = 3, EX = 4, NVA = 5;
    BinaryenExpressionRef expected = BinaryenIf(
        mod, lget(EX),
        BinaryenBinary(mod, BinaryenAddInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(NUM), c32(255)),
                       BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenShrUInt32(), lget(NUM), c32(8)),
                                      c32(255))),
        lget(NUM));
    BinaryenExpressionRef text = BinaryenIf(mod, lget(EX), BinaryenLoad(mod, 4, false, 4 * T_UNPACK_EX, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I)),
                                            BinaryenLoad(mod, 4, false, 4 * T_UNPACK, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I)));
    BinaryenExpressionRef cpython = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, NVA, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(16))),
            BinaryenGlobalSet(mod, sp, lget(NVA)),
            BinaryenStore(mod, 4, 0, 4, lget(NVA), expected, I),
            BinaryenStore(mod, 4, 4, 4, lget(NVA), BinaryenLoad(mod, 4, false, 0, 4, I, lget(VA)), I),
            call(BinaryenFunctionGetName(varg), (BinaryenExpressionRef[]){lget(TYPE), text, lget(NVA)}, 3, BinaryenTypeNone()),
        },
        5, BinaryenTypeNone());
    BinaryenExpressionRef body = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, I), cpython,
                       call(BinaryenFunctionGetName(varg), (BinaryenExpressionRef[]){lget(TYPE), lget(FMT), lget(VA)}, 3,
                            BinaryenTypeNone())),
            BinaryenUnreachable(mod),
        },
        2, BinaryenTypeNone());
    BinaryenType params[5] = {I, I, I, I, I};
    BinaryenAddFunction(mod, UNPACK_FN, BinaryenTypeCreate(params, 5), BinaryenTypeNone(), (BinaryenType[]){I}, 1, body);

    for (int u = 0; u < 2; u++) {
        BinaryenFunctionRef f = uses[u].f;
        if (uses[u].operand != 1 || BinaryenCallGetNumOperands(uses[u].call) != 3 || callee(uses[u].call) != varg ||
            !has_sig(f, 3, 0))
            mismatch("%s", "the unpacking raise is not mp_raise_msg_varg(type, format, va) in (seq, num, items)");
        if (uses[0].f == uses[1].f) mismatch("%s", "both unpacking raises are in one function");
        int starred = f != longs[0].f;
        BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
        BinaryenCallSetTarget(uses[u].call, UNPACK_FN);
        BinaryenCallAppendOperand(uses[u].call, lget(s));
        BinaryenCallAppendOperand(uses[u].call, c32(starred));
        BinaryenExpressionRef entry[2] = {BinaryenLocalSet(mod, s, lget(1)), BinaryenFunctionGetBody(f)};
        if (recreate_with_locals(f, 1, BinaryenBlock(mod, NULL, entry, 2, BinaryenTypeNone())) != s)
            mismatch("%s", "local numbering");
    }
}

/* 9.: a dict that changes size while iterated. varg is mp_raise_msg_varg. */
static void dict_iteration(BinaryenFunctionRef varg)
{
    const BinaryenType I = BinaryenTypeInt32();
    int32_t names[3] = {data_address("dict_items"), data_address("dict_keys"), data_address("dict_values")};
    unsigned char pattern[12];
    for (int i = 0; i < 3; i++)
        for (int b = 0; b < 4; b++) pattern[4 * i + b] = (unsigned char)((uint32_t)names[i] >> (8 * b));
    int32_t array = bytes_address((const char *)pattern, sizeof pattern, 1);

    /* dict_view_print: the one reader of the array */
    BinaryenFunctionRef print = NULL, next = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if ((is_id(nodes[k], ID_LOAD) && BinaryenLoadGetOffset(nodes[k]) == (uint32_t)array) || is_const_eq(nodes[k], array))
                found(&print, f, "dict_view_print");
    }
    if (!print) mismatch("%s", "dict_view_print not found");
    collect(print);
    int ncalls = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 1 || !is_id(BinaryenCallGetOperandAt(e, 0), ID_LOCAL_GET))
            continue;
        BinaryenFunctionRef t = callee(e);
        if (!has_sig(t, 1, 1)) continue;
        found(&next, t, "dict_view_it_iternext");
        ncalls++;
    }
    if (!next || ncalls != 2) mismatch("%s", "dict_view_print does not call the iterator's next function twice");

    /* its reads of kind (offset 4) and dict (offset 8) of its parameter */
    collect(next);
    BinaryenExpressionRef kind = NULL, parent = NULL;
    int ndict = 0;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_LOAD) || BinaryenLoadGetBytes(e) != 4 || !is_local(BinaryenLoadGetPtr(e), 0)) continue;
        if (BinaryenLoadGetOffset(e) == 4) {
            if (kind) mismatch("%s", "dict_view_it_iternext reads kind twice");
            kind = e;
        } else if (BinaryenLoadGetOffset(e) == 8) {
            ndict++;
        }
    }
    for (size_t k = 0; k < nnodes && kind; k++)
        if (is_id(nodes[k], ID_BINARY) && BinaryenBinaryGetLeft(nodes[k]) == kind) parent = nodes[k];
    if (!kind || !parent || ndict != 1) mismatch("%s", "dict_view_it_iternext does not read kind and dict once");
    BinaryenBinarySetLeft(parent, BinaryenBinary(mod, BinaryenAndInt32(), kind, c32(3)));

    BinaryenIndex w = BinaryenTypeArity(BinaryenFunctionGetParams(next)) + BinaryenFunctionGetNumVars(next);
    BinaryenExpressionRef size = BinaryenLoad(mod, 4, false, 4, 4, I, BinaryenLoad(mod, 4, false, 8, 4, I, lget(0)));
    BinaryenExpressionRef raise = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            call(BinaryenFunctionGetName(varg),
                 (BinaryenExpressionRef[]){BinaryenLoad(mod, 4, false, 4 * T_RUNTIME_ERROR, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I)),
                                           BinaryenLoad(mod, 4, false, 4 * T_DICT_CHANGED, 4, I, BinaryenGlobalGet(mod, TABLE_GLOBAL, I)),
                                           c32(0)},
                 3, BinaryenTypeNone()),
            BinaryenUnreachable(mod),
        },
        2, BinaryenTypeNone());
    BinaryenExpressionRef changed = BinaryenBinary(mod, BinaryenAndInt32(), BinaryenBinary(mod, BinaryenXorInt32(), lget(w), size), c32(~7));
    BinaryenExpressionRef first = BinaryenBinary(
        mod, BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenLoad(mod, 4, false, 12, 4, I, lget(0))),
        BinaryenBinary(mod, BinaryenNeInt32(), BinaryenGlobalGet(mod, TABLE_GLOBAL, I), c32(0)));
    BinaryenExpressionRef record = BinaryenStore(
        mod, 4, 4, 4, lget(0),
        BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenOrInt32(), lget(w), c32(4)),
                       BinaryenBinary(mod, BinaryenAndInt32(), BinaryenExpressionCopy(size, mod), c32(~7))),
        I);
    BinaryenExpressionRef check = BinaryenIf(mod, BinaryenBinary(mod, BinaryenAndInt32(), lget(w), c32(4)),
                                             BinaryenIf(mod, changed, raise, NULL), BinaryenIf(mod, first, record, NULL));
    BinaryenExpressionRef entry[3] = {BinaryenLocalSet(mod, w, BinaryenLoad(mod, 4, false, 4, 4, I, lget(0))), check,
                                      BinaryenFunctionGetBody(next)};
    if (recreate_with_locals(next, 1, BinaryenBlock(mod, NULL, entry, 3, I)) != w) mismatch("%s", "local numbering");
}

/* 2b.: int()'s text quotes the whole argument, as CPython's does:
 * MicroPython quotes it from after the leading spaces, sign and base
 * prefix (int('-12.5') said '12.5', int(' x') 'x'). In
 * mp_parse_num_integer(str, len, base, lex), which raises the text, the one
 * call print_quoted(print, start, top - start, 1) gets str and len, saved at
 * entry (the optimiser reuses parameters' locals), instead, quoted as a str
 * (MicroPython quotes it as bytes: \xd9\xa1 for one character); and the text
 * names the base given (CPython's "with base 0"), not the one the prefix
 * chose. */
static void int_text_whole(BinaryenFunctionRef f, BinaryenExpressionRef printf_call)
{
    if (!has_sig(f, 4, 1)) mismatch("%s", "mp_parse_num_integer has an unknown signature");
    collect(f);
    BinaryenExpressionRef quoted = NULL;
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 4 || !is_const_eq(BinaryenCallGetOperandAt(e, 3), 1))
            continue;
        BinaryenExpressionRef start = BinaryenCallGetOperandAt(e, 1), n = BinaryenCallGetOperandAt(e, 2);
        if (!is_id(start, ID_LOCAL_GET) || !is_binary(n, BinaryenSubInt32()) ||
            !is_local(BinaryenBinaryGetRight(n), BinaryenLocalGetGetIndex(start)))
            continue;
        if (quoted) mismatch("%s", "two calls quote the int() argument");
        quoted = e;
    }
    if (!quoted) mismatch("%s", "the call quoting the int() argument not found");
    /* the base: the first word of the va_list of the format's printf */
    BinaryenExpressionRef va = BinaryenCallGetOperandAt(printf_call, 2), base = NULL;
    if (!is_id(va, ID_LOCAL_GET)) mismatch("%s", "the int() text's va_list is not a local");
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_STORE) && BinaryenStoreGetOffset(e) == 0 && BinaryenStoreGetBytes(e) == 4 &&
            is_local(BinaryenStoreGetPtr(e), BinaryenLocalGetGetIndex(va))) {
            if (base) mismatch("%s", "two stores of the int() text's base");
            base = e;
        }
    }
    if (!base) mismatch("%s", "the store of the int() text's base not found");
    BinaryenIndex s = BinaryenTypeArity(BinaryenFunctionGetParams(f)) + BinaryenFunctionGetNumVars(f);
    BinaryenCallSetOperandAt(quoted, 1, lget(s));
    BinaryenCallSetOperandAt(quoted, 2, lget(s + 1));
    BinaryenCallSetOperandAt(quoted, 3, c32(0)); /* as str: non-ASCII characters as they are */
    BinaryenStoreSetValue(base, lget(s + 2));    /* the base given: int('x', 0) says base 0 */
    BinaryenExpressionRef entry[4] = {BinaryenLocalSet(mod, s, lget(0)), BinaryenLocalSet(mod, s + 1, lget(1)),
                                      BinaryenLocalSet(mod, s + 2, lget(2)), BinaryenFunctionGetBody(f)};
    if (recreate_with_locals(f, 3, BinaryenBlock(mod, NULL, entry, 4, BinaryenTypeInt32())) != s)
        mismatch("%s", "local numbering");
}

/* 10.: the errors in a call's arguments. */
#define CALL_HOOK_GLOBAL "mpbox_call_text_hook"
#define CALL_CALL_GLOBAL "mpbox_format_call"
#define CALL_TEXT_FN "mpbox$call_text"
#define TAKES_FMT "%q() takes %d positional arguments but %d were given"
#define MISSING_POS_FMT "function missing required positional argument #%d"
#define UNEXPECTED_KW_FMT "unexpected keyword argument '%q'"
#define MULTIPLE_FMT "function got multiple values for argument '%q'"
#define MISSING_KW_FMT "function missing required keyword argument '%q'"
#define NO_KWONLY_TEXT "function missing keyword-only argument"
/* the kinds lib/python/_mpbox_exc.py's _call_text knows */
enum { CALL_TAKES = 1, CALL_MISSING_POS, CALL_UNEXPECTED_KW, CALL_MULTIPLE, CALL_MISSING_KW, CALL_NO_KWONLY };

/* mpbox$call_text(kind, fun, a, b, text): the hook's text, asked with
 * (small int kind, fun, small int a, small int b) through the table entry
 * mpbox_format_call (as guest/typerepr asks its hook), or `text` while
 * there is no hook or it answers anything but bytes. */
static void add_call_text_fn(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    const char *sp = stack_pointer(), *table = only_table(), *call_global = exported_global(CALL_CALL_GLOBAL, "numfmt");
    const BinaryenIndex KIND = 0, FUN = 1, A = 2, B = 3, TEXT = 4, ARGS = 5, R = 6;
    BinaryenExpressionRef call_args[4] = {BinaryenGlobalGet(mod, CALL_HOOK_GLOBAL, I), c32(4), c32(0), lget(ARGS)};
    BinaryenExpressionRef is_obj = BinaryenBinary(
        mod, BinaryenAndInt32(), BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenBinary(mod, BinaryenAndInt32(), lget(R), c32(3))),
        BinaryenBinary(mod, BinaryenNeInt32(), lget(R), c32(0)));
#define SMALL(x) BinaryenBinary(mod, BinaryenOrInt32(), BinaryenBinary(mod, BinaryenShlInt32(), (x), c32(1)), c32(1))
    BinaryenExpressionRef body[] = {
        BinaryenIf(mod, BinaryenUnary(mod, BinaryenEqZInt32(), BinaryenGlobalGet(mod, CALL_HOOK_GLOBAL, I)),
                   BinaryenReturn(mod, lget(TEXT)), NULL),
        BinaryenLocalSet(mod, ARGS, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(16))),
        BinaryenGlobalSet(mod, sp, lget(ARGS)),
        BinaryenStore(mod, 4, 0, 4, lget(ARGS), SMALL(lget(KIND)), I),
        BinaryenStore(mod, 4, 4, 4, lget(ARGS), lget(FUN), I),
        BinaryenStore(mod, 4, 8, 4, lget(ARGS), SMALL(lget(A)), I),
        BinaryenStore(mod, 4, 12, 4, lget(ARGS), SMALL(lget(B)), I),
        BinaryenLocalSet(mod, R, BinaryenCallIndirect(mod, table, BinaryenGlobalGet(mod, call_global, I), call_args, 4,
                                                      i32s(4), I)),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(ARGS), c32(16))),
        BinaryenSelect(mod, is_obj, BinaryenLoad(mod, 4, false, 12, 4, I, lget(R)), lget(TEXT), I),
    };
#undef SMALL
    BinaryenAddFunction(mod, CALL_TEXT_FN, i32s(5), I, (BinaryenType[]){I, I}, 2,
                        BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, I));
}

/* The one use of `text` inside f (or, with f NULL, in a function of
 * `nparams` parameters and no result), passed as operand `operand` of a
 * call with `noperands` operands. */
static const_use call_site(const char *text, BinaryenFunctionRef f, int nparams, BinaryenIndex operand,
                           BinaryenIndex noperands)
{
    const_use uses[4], found = {0};
    size_t n = const_uses(data_address(text), uses, 4), hits = 0;
    for (size_t u = 0; u < n; u++) {
        if (f ? uses[u].f != f : !has_sig(uses[u].f, nparams, 0)) continue;
        found = uses[u];
        hits++;
    }
    if (hits != 1 || found.operand != operand || BinaryenCallGetNumOperands(found.call) != noperands)
        mismatch("the text \"%s\" is not raised once as expected", text);
    return found;
}

/* local or local + constant: an address read again without side effects */
static int plain_address(BinaryenExpressionRef e)
{
    if (is_id(e, ID_LOCAL_GET)) return 1;
    return is_binary(e, BinaryenAddInt32()) && is_id(BinaryenBinaryGetLeft(e), ID_LOCAL_GET) &&
           is_id(BinaryenBinaryGetRight(e), ID_CONST);
}

static BinaryenExpressionRef text_call(int kind, BinaryenExpressionRef fun, BinaryenExpressionRef a, BinaryenExpressionRef b,
                                       BinaryenExpressionRef text)
{
    return call(CALL_TEXT_FN, (BinaryenExpressionRef[]){c32(kind), fun, a, b, text}, 5, BinaryenTypeInt32());
}

/* 10. MicroPython words the errors in a call's arguments its own way
 * ("function missing required positional argument #0", "f() takes 2
 * positional arguments but 1 were given" for a missing one, "unexpected
 * keyword argument 'x'"); CPython names the function by its qualified name
 * and the parameters: "P.__init__() missing 1 required positional
 * argument: 'y'", "f() got an unexpected keyword argument 'x'". The raises
 * ask mpbox$call_text for their text; lib/python/_mpbox_exc.py answers it
 * from the function's signature (its bytecode) and the code state:
 *   fun_pos_args_mismatch(fun, expected, given), the one function of three
 *     parameters and no result raising TAKES_FMT: (TAKES, fun, expected,
 *     given), its parameters saved at entry;
 *   mp_setup_code_state_helper(code_state, n_args, n_kw, args), the
 *     function raising MISSING_POS_FMT, code_state saved at entry, fun its
 *     first word: MISSING_POS and MISSING_KW with the code state's address
 *     / 4 (its argument slots tell which were given), UNEXPECTED_KW and
 *     MULTIPLE with the name's qstr (the first word of the va_list, stored
 *     before the raise; its address a local, or a local plus a constant),
 *     NO_KWONLY (a plain text, not a format) with none. */
static void call_texts(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    add_exported_global(CALL_HOOK_GLOBAL);
    add_call_text_fn();

    const_use takes = call_site(TAKES_FMT, NULL, 3, 1, 3);
    BinaryenFunctionRef fm = takes.f;
    BinaryenIndex t = 3 + BinaryenFunctionGetNumVars(fm);
    BinaryenCallSetOperandAt(takes.call, 1, text_call(CALL_TAKES, lget(t), lget(t + 1), lget(t + 2), c32(data_address(TAKES_FMT))));
    BinaryenExpressionRef fm_entry[] = {BinaryenLocalSet(mod, t, lget(0)), BinaryenLocalSet(mod, t + 1, lget(1)),
                                        BinaryenLocalSet(mod, t + 2, lget(2)), BinaryenFunctionGetBody(fm)};
    if (recreate_with_locals(fm, 3, BinaryenBlock(mod, NULL, fm_entry, 4, BinaryenTypeNone())) != t)
        mismatch("%s", "local numbering");

    const_use missing = call_site(MISSING_POS_FMT, NULL, 4, 1, 3);
    BinaryenFunctionRef h = missing.f;
    const_use missing_kw = call_site(MISSING_KW_FMT, h, 0, 1, 3);
    const_use unexpected = call_site(UNEXPECTED_KW_FMT, h, 0, 1, 3);
    const_use multiple = call_site(MULTIPLE_FMT, h, 0, 1, 3);
    const_use no_kwonly = call_site(NO_KWONLY_TEXT, h, 0, 0, 1);
    BinaryenIndex c = 4 + BinaryenFunctionGetNumVars(h);
#define FUN BinaryenLoad(mod, 4, false, 0, 4, I, lget(c))
#define STATE BinaryenBinary(mod, BinaryenShrUInt32(), lget(c), c32(2))
#define VA0(u) BinaryenLoad(mod, 4, false, 0, 4, I, BinaryenExpressionCopy(BinaryenCallGetOperandAt((u).call, 2), mod))
    if (!plain_address(BinaryenCallGetOperandAt(unexpected.call, 2)) || !plain_address(BinaryenCallGetOperandAt(multiple.call, 2)))
        mismatch("%s", "a keyword argument's raise has a va_list of an unknown form");
    BinaryenCallSetOperandAt(missing.call, 1, text_call(CALL_MISSING_POS, FUN, STATE, c32(0), c32(data_address(MISSING_POS_FMT))));
    BinaryenCallSetOperandAt(missing_kw.call, 1, text_call(CALL_MISSING_KW, FUN, STATE, c32(0), c32(data_address(MISSING_KW_FMT))));
    BinaryenCallSetOperandAt(unexpected.call, 1,
                             text_call(CALL_UNEXPECTED_KW, FUN, VA0(unexpected), c32(0), c32(data_address(UNEXPECTED_KW_FMT))));
    BinaryenCallSetOperandAt(multiple.call, 1, text_call(CALL_MULTIPLE, FUN, VA0(multiple), c32(0), c32(data_address(MULTIPLE_FMT))));
    BinaryenCallSetOperandAt(no_kwonly.call, 0, text_call(CALL_NO_KWONLY, FUN, STATE, c32(0), c32(data_address(NO_KWONLY_TEXT))));
#undef FUN
#undef STATE
#undef VA0
    BinaryenExpressionRef h_entry[] = {BinaryenLocalSet(mod, c, lget(0)), BinaryenFunctionGetBody(h)};
    if (recreate_with_locals(h, 1, BinaryenBlock(mod, NULL, h_entry, 2, BinaryenTypeNone())) != c)
        mismatch("%s", "local numbering");
}

/* 12.: the one raise of `text` takes the table's type at entry t. The
 * call is mp_obj_new_exception_msg(type, text) or mp_raise_msg(type,
 * text), maybe through an invoke trampoline (function index, type, text):
 * the type is the operand before the text, a constant. */
static void retype(const char *text, uint32_t t)
{
    const_use u[2];
    if (const_uses(data_address(text), u, 2) != 1 || u[0].operand < 1 ||
        u[0].operand + 1 != BinaryenCallGetNumOperands(u[0].call))
        mismatch("the text \"%s\" is not raised once, last after its type", text);
    int32_t old;
    BinaryenIndex type = u[0].operand - 1;
    if (!is_const(BinaryenCallGetOperandAt(u[0].call, type), &old))
        mismatch("the raise of \"%s\" does not pass a constant type", text);
    BinaryenCallSetOperandAt(u[0].call, type, table_word(t, c32(old)));
}

/* 12.: mp_raise_recursion_depth raises with the text as an interned name,
 * not a data address: mp_raise_type_arg(&mp_type_RuntimeError, the qstr
 * object). It is the one function () -> () with no locals whose body is
 * one call with two constant operands, the second a qstr object ((number
 * << 3) | 2). mp_pystack_alloc's raise of "pystack exhausted" is the one
 * other call of the same callee with the same type and a qstr object. */
static int is_name_raise(BinaryenExpressionRef c, int32_t *type, int32_t *name)
{
    return is_id(c, ID_CALL) && BinaryenCallGetNumOperands(c) == 2 && is_const(BinaryenCallGetOperandAt(c, 0), type) &&
           is_const(BinaryenCallGetOperandAt(c, 1), name) && (*name & 7) == 2;
}

static void recursion_type(void)
{
    BinaryenExpressionRef raise = NULL;
    int32_t type = 0, name = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 0, 0) || BinaryenFunctionGetNumVars(f) != 0) continue;
        collect(f);
        BinaryenExpressionRef c = NULL;
        int ncalls = 0;
        for (size_t k = 0; k < nnodes; k++)
            if (is_id(nodes[k], ID_CALL) && ncalls++ == 0) c = nodes[k];
        int32_t t, n;
        if (ncalls != 1 || !is_name_raise(c, &t, &n)) continue;
        if (raise) mismatch("%s", "two functions look like mp_raise_recursion_depth");
        raise = c;
        type = t;
        name = n;
    }
    if (!raise) mismatch("%s", "mp_raise_recursion_depth is not found");
    const char *target = BinaryenCallGetTarget(raise);
    BinaryenExpressionRef pystack = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            int32_t t, n;
            if (nodes[k] == raise || !is_name_raise(nodes[k], &t, &n) || t != type ||
                strcmp(BinaryenCallGetTarget(nodes[k]), target) != 0)
                continue;
            if (pystack) mismatch("%s", "two other raises look like mp_pystack_alloc's");
            pystack = nodes[k];
        }
    }
    if (!pystack) mismatch("%s", "mp_pystack_alloc's raise is not found");
    BinaryenCallSetOperandAt(raise, 0, table_word(T_RECURSION, c32(type)));
    BinaryenCallSetOperandAt(pystack, 0, table_word(T_RECURSION, c32(type)));
    int32_t pystack_name;
    is_const(BinaryenCallGetOperandAt(pystack, 1), &pystack_name);
    BinaryenCallSetOperandAt(pystack, 1,
                             BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, BinaryenTypeInt32()), c32(name),
                                        c32(pystack_name)));
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "errtext", TABLE_GLOBAL);
    find();
    add_exported_global(TABLE_GLOBAL);
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
    int_text_whole(uses[0].f, uses[0].call);
    /* texts with the same arguments */
    for (size_t t = 0; t < N_SAME_ARGS; t++) {
        int32_t addr = data_address(same_args[t]);
        const_use tu[8];
        size_t n = const_uses(addr, tu, 8);
        if (n == 0) mismatch("the text \"%s\" is not used", same_args[t]);
        for (size_t u = 0; u < n; u++)
            BinaryenCallSetOperandAt(tu[u].call, tu[u].operand,
                                     BinaryenIf(mod, BinaryenGlobalGet(mod, TABLE_GLOBAL, I),
                                                BinaryenLoad(mod, 4, false, 4 * (T_SAME_ARGS + (uint32_t)t), 4, I,
                                                             BinaryenGlobalGet(mod, TABLE_GLOBAL, I)),
                                                c32(addr)));
    }
    /* the binary operation no type supports */
    int32_t binop_msg = data_address(BINOP_MSG);
    if (const_uses(binop_msg, uses, 2) != 1 || uses[0].operand != 1 || BinaryenCallGetNumOperands(uses[0].call) != 3)
        mismatch("%s", "the unsupported-types format is not raised once as (type, format, va_list)");
    BinaryenExpressionRef va = BinaryenCallGetOperandAt(uses[0].call, 2);
    BinaryenExpressionRef op = operator_of(uses[0].f, uses[0].call, "unsupported-types");
    float_text(callee(uses[0].call));
    add_import("mpbox$binop_text", "mpbox_binop_text", 3, 1);
    BinaryenCallSetOperandAt(uses[0].call, 1,
                             call("mpbox$binop_text",
                                  (BinaryenExpressionRef[]){BinaryenExpressionCopy(op, mod), BinaryenExpressionCopy(va, mod),
                                                            c32(binop_msg)},
                                  3, I));

    unop_text();
    BinaryenFunctionRef varg = BinaryenGetFunction(mod, BinaryenCallGetTarget(uses[0].call));
    unpack_text(varg);
    int32_t code_msg = data_address(FORMAT_CODE_MSG);
    const_use cu[8];
    size_t ncode = const_uses(code_msg, cu, 8);
    if (ncode == 0) mismatch("%s", "the format-code text is not used");
    for (size_t u = 0; u < ncode; u++)
        BinaryenCallSetOperandAt(cu[u].call, cu[u].operand, table_word(T_FORMAT_CODE, c32(code_msg)));
    for (size_t t = 0; t < N_LATE; t++) {
        int32_t addr = data_address(late_texts[t]);
        size_t n = const_uses(addr, cu, 8);
        if (n == 0) mismatch("the text \"%s\" is not used", late_texts[t]);
        for (size_t u = 0; u < n; u++)
            BinaryenCallSetOperandAt(cu[u].call, cu[u].operand, table_word(T_LATE + (uint32_t)t, c32(addr)));
    }
    dict_iteration(varg);
    call_texts();
    min_max_text();
    retype(UNBOUND_MSG, T_UNBOUND_LOCAL);
    recursion_type();

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: %d ZeroDivisionError texts, int()'s, float()'s, %zu others, binary and unary operations', unpacking's, %zu format codes', calls' arguments' chosen as CPython's; dict iteration checks its size; UnboundLocalError and RecursionError raised\n",
            prog, argv[1], argv[2], nsites, N_SAME_ARGS, ncode);
    return 0;
}
