/* reprcycle — a list or dict that contains itself prints as CPython's
 * `[1, [...]]` and `{'a': {...}}`.
 *
 *   reprcycle IN.wasm OUT.wasm
 *
 * MicroPython's list_print and dict_print print their items with no
 * record of what is being printed, so a list holding itself recursed until
 * the stack ran out ("maximum recursion depth exceeded"). This tool gives
 * each of them a new body (print, self, kind; the original body moved to a
 * function of its own) that keeps the objects being printed in a chain of
 * 16-byte frames on the shadow stack, {previous frame, object}, headed by
 * the exported global mpbox_repr_head:
 *
 *     if (kind == PRINT_JSON) return original(print, self, kind)
 *     frame = sp -= 16
 *     for (p = head; p; p = p->prev)
 *         if (p->obj == self) { print "[", "...", "]"; sp += 16; return }
 *     frame->prev = head; frame->obj = self; head = frame
 *     original(print, self, kind)
 *     head = frame->prev; sp += 16
 *
 * A print that raises never restores head: where the exception lands, the
 * host unlinks the frames below the restored stack pointer (host/exc.c,
 * mpb_exc_unwound, before any guest code runs again, so they still hold
 * their links), and a run starts with head 0 (core/exec.c). json keeps
 * MicroPython's code (CPython raises there).
 *
 * Found structurally and verified, or the build stops:
 *   list_print    the one function (i32, i32, i32) -> () with a loop whose
 *                 calls with a constant text print exactly "[" and "]";
 *   dict_print    the one whose texts are "{", "\"", "\"", "}", ")";
 *   mp_print_str  the function both print those texts with.
 * "[...]" is printed as three texts the guest has: the function's own
 * opening and closing ones and "..." (the tail of a longer text). */
#include "match.h"

#define HEAD_GLOBAL "mpbox_repr_head"
#define PRINT_JSON 3 /* py/obj.h */
#define FRAME_BYTES 16

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

/* The NUL-terminated text at `addr` in an active data segment, copied into
 * out (at most cap bytes with the NUL); 0 when there is none. */
static int text_at(int32_t addr, char *out, size_t cap)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumMemorySegments(mod); i++) {
        if (BinaryenGetMemorySegmentPassive(mod, i)) continue;
        uint32_t off = BinaryenGetMemorySegmentByteOffset(mod, i);
        size_t len = BinaryenGetMemorySegmentByteLength(mod, i);
        if ((uint32_t)addr < off || (uint32_t)addr - off >= len) continue;
        char *buf = xrealloc(NULL, len);
        BinaryenCopyMemorySegmentData(mod, i, buf);
        size_t k = (uint32_t)addr - off, n = 0;
        while (k + n < len && buf[k + n] && n + 1 < cap) n++;
        int ok = k + n < len && buf[k + n] == 0;
        memcpy(out, buf + k, n);
        out[n] = 0;
        free(buf);
        return ok;
    }
    return 0;
}

/* The texts a function prints through two-operand calls with a constant
 * text second operand, joined by '|' into out; the callee into *printer
 * (one for all). */
static int32_t open_text, close_text; /* the last texts_of's "[" or "{", "]" or "}" */

static void texts_of(BinaryenFunctionRef f, char *out, size_t cap, BinaryenFunctionRef *printer, int *loop)
{
    out[0] = 0;
    open_text = close_text = 0;
    *printer = NULL;
    *loop = 0;
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        *loop |= is_id(e, ID_LOOP);
        if (!is_id(e, ID_CALL) || BinaryenCallGetNumOperands(e) != 2) continue;
        int32_t a;
        char t[32];
        if (!is_const(BinaryenCallGetOperandAt(e, 1), &a) || a < 1024 || !text_at(a, t, sizeof t)) continue;
        if (*printer && *printer != callee(e)) {
            *printer = NULL;
            out[0] = 0;
            return;
        }
        *printer = callee(e);
        if (!strcmp(t, "[") || !strcmp(t, "{")) open_text = a;
        if (!strcmp(t, "]") || !strcmp(t, "}")) close_text = a;
        if (strlen(out) + strlen(t) + 2 < cap) {
            if (out[0]) strcat(out, "|");
            strcat(out, t);
        }
    }
}

/* print_str(print, text) as a statement */
static BinaryenExpressionRef print_text(BinaryenFunctionRef print_str, int32_t text)
{
    BinaryenExpressionRef c = call(BinaryenFunctionGetName(print_str), (BinaryenExpressionRef[]){lget(0), c32(text)}, 2,
                                   BinaryenFunctionGetResults(print_str));
    return BinaryenFunctionGetResults(print_str) != BinaryenTypeNone() ? BinaryenDrop(mod, c) : c;
}

/* A new body for the print function f: the cycle check around the
 * original, moved to `orig_name`; `texts` its opening text, "...", its
 * closing text. */
static void wrap(BinaryenFunctionRef f, const char *orig_name, const int32_t texts[3], BinaryenFunctionRef print_str)
{
    const BinaryenType I = BinaryenTypeInt32();
    const char *sp = stack_pointer();
    add_function_like(mod, f, orig_name, BinaryenFunctionGetBody(f));

    const BinaryenIndex FRAME = 3, P = 4;
    BinaryenExpressionRef dots = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){print_text(print_str, texts[0]), print_text(print_str, texts[1]),
                                  print_text(print_str, texts[2]),
                                  BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(FRAME), c32(FRAME_BYTES))),
                                  BinaryenReturn(mod, NULL)},
        5, BinaryenTypeNone());
    /* for (p = head; p; p = p->prev) if (p->obj == self) dots */
    BinaryenExpressionRef walk_body[] = {
        BinaryenBreak(mod, "mpbox$walked", BinaryenUnary(mod, BinaryenEqZInt32(), lget(P)), NULL),
        BinaryenIf(mod, BinaryenBinary(mod, BinaryenEqInt32(), BinaryenLoad(mod, 4, false, 4, 4, I, lget(P)), lget(1)), dots, NULL),
        BinaryenLocalSet(mod, P, BinaryenLoad(mod, 4, false, 0, 4, I, lget(P))),
        BinaryenBreak(mod, "mpbox$walk", NULL, NULL),
    };
    BinaryenExpressionRef walk = BinaryenBlock(
        mod, "mpbox$walked",
        (BinaryenExpressionRef[]){BinaryenLoop(mod, "mpbox$walk", BinaryenBlock(mod, NULL, walk_body, 4, BinaryenTypeNone()))}, 1,
        BinaryenTypeNone());
    BinaryenExpressionRef body[] = {
        BinaryenIf(mod, BinaryenBinary(mod, BinaryenEqInt32(), lget(2), c32(PRINT_JSON)),
                   BinaryenBlock(mod, NULL,
                                 (BinaryenExpressionRef[]){
                                     call(orig_name, (BinaryenExpressionRef[]){lget(0), lget(1), lget(2)}, 3, BinaryenTypeNone()),
                                     BinaryenReturn(mod, NULL)},
                                 2, BinaryenTypeNone()),
                   NULL),
        BinaryenLocalSet(mod, FRAME, BinaryenBinary(mod, BinaryenSubInt32(), BinaryenGlobalGet(mod, sp, I), c32(FRAME_BYTES))),
        BinaryenGlobalSet(mod, sp, lget(FRAME)),
        BinaryenLocalSet(mod, P, BinaryenGlobalGet(mod, HEAD_GLOBAL, I)),
        walk,
        BinaryenStore(mod, 4, 0, 4, lget(FRAME), BinaryenGlobalGet(mod, HEAD_GLOBAL, I), I),
        BinaryenStore(mod, 4, 4, 4, lget(FRAME), lget(1), I),
        BinaryenGlobalSet(mod, HEAD_GLOBAL, lget(FRAME)),
        call(orig_name, (BinaryenExpressionRef[]){lget(0), lget(1), lget(2)}, 3, BinaryenTypeNone()),
        BinaryenGlobalSet(mod, HEAD_GLOBAL, BinaryenLoad(mod, 4, false, 0, 4, I, lget(FRAME))),
        BinaryenGlobalSet(mod, sp, BinaryenBinary(mod, BinaryenAddInt32(), lget(FRAME), c32(FRAME_BYTES))),
    };
    replace_function(mod, f, (BinaryenType[]){I, I}, 2,
                     BinaryenBlock(mod, NULL, body, sizeof body / sizeof *body, BinaryenTypeNone()));
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "reprcycle", NULL);
    if (BinaryenGetGlobal(mod, HEAD_GLOBAL)) die("%s was already rewritten", argv[1]);
    BinaryenFunctionRef list_print = NULL, dict_print = NULL, print_str = NULL;
    int32_t dots = text_address("...", 1), list_texts[3] = {0, dots, 0}, dict_texts[3] = {0, dots, 0};
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 0)) continue;
        char texts[128];
        BinaryenFunctionRef p;
        int loop;
        texts_of(f, texts, sizeof texts, &p, &loop);
        if (!p) continue;
        if (loop && strcmp(texts, "[|]") == 0) {
            found(&list_print, f, "list_print");
            found(&print_str, p, "mp_print_str");
            list_texts[0] = open_text;
            list_texts[2] = close_text;
        } else if (loop && strcmp(texts, "{|\"|\"|}|)") == 0) {
            found(&dict_print, f, "dict_print");
            found(&print_str, p, "mp_print_str");
            dict_texts[0] = open_text;
            dict_texts[2] = close_text;
        }
    }
    if (!list_print || !dict_print) mismatch("%s", "list_print and dict_print not found");
    add_exported_global(HEAD_GLOBAL);
    wrap(list_print, "mpbox$list_print_orig", list_texts, print_str);
    wrap(dict_print, "mpbox$dict_print_orig", dict_texts, print_str);

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: list and dict print [...] and {...} for themselves\n", prog, argv[1], argv[2]);
    return 0;
}
