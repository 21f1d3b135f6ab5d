/* excchain — exception chaining as CPython has it: __cause__, __context__,
 * __suppress_context__, and the chain in an uncaught exception's traceback.
 *
 *   excchain IN.wasm OUT.wasm
 *
 * MicroPython's exception object (mp_obj_exception_t: type, traceback
 * alloc/len, traceback data, args: 16 bytes) has no room for a cause or a
 * context, RAISE_FROM drops its cause with a warning, and nothing records
 * the exception being handled when another is raised. This tool:
 *
 *   1. gives every exception mp_obj_exception_make_new allocates 32 bytes
 *      instead of 16 and marks it: words 4..7 are cause, context, flags
 *      (bit 0: __suppress_context__) and a tag, address ^ mpbox_exc_tag.
 *      The tag tells them from the objects of 16 bytes that are not
 *      allocated there (the emergency exception, the static MemoryError and
 *      GeneratorExit): host/exc.c touches words 4..6 only under a valid
 *      tag. Being words of the object, cause and context are marked by the
 *      collector with it, freed with it, and saved, restored and forked
 *      with the rest of linear memory.
 *   2. in mp_execute_bytecode's RAISE_FROM: the warning "exception chaining
 *      not supported" goes; once mp_make_raise_obj has made the exception,
 *      exc = env.mpbox_exc_raise_from(exc, from) records the cause (and
 *      answers the exception to raise: exc, or the TypeError of a cause
 *      that is no exception; an import called here must not raise, as the
 *      call is not made through an invoke_* trampoline).
 *   3. in mp_execute_bytecode's exception handler, before the blocks the
 *      exception leaves are popped: env.mpbox_exc_caught(exc, exc_sp,
 *      exc_stack, &exc_sp) sets the context from the innermost block that
 *      is handling an exception (exc_sp->prev_exc), in this frame or, else,
 *      in the frames it was called from (7.).
 *   4. mp_obj_exception_attr(self, attr, dest) first asks
 *      env.mpbox_exc_attr(self, attr, dest), which answers __cause__,
 *      __context__, __suppress_context__ and __traceback__ (loads and
 *      stores) and returns 1 when it did.
 *   5. the uncaught exception's traceback (the pyscript port's conversion
 *      of an exception for JavaScript, the caller of mp_obj_print_exception
 *      that is not sys.print_exception) is printed by mpbox$print_chain:
 *      the chain's exceptions oldest first, each followed by CPython's
 *      line (env.mpbox_exc_chain, env.mpbox_exc_link, host/exc.c). Each
 *      is printed through env.mpbox_exc_print(print, exc), which calls
 *      mp_obj_print_exception (exported as mpbox_print_exc) under a guard:
 *      that port prints with no handler left, so an exception raised
 *      meanwhile (by a __repr__ or __str__ of the program's, or a
 *      KeyboardInterrupt) would end in nlr_jump_fail. The import then
 *      answers a text to print in place of the rest, as CPython's
 *      "<exception str() failed>".
 *   6. nlr_jump_fail, which nlr_jump calls when no handler is left and
 *      which spins forever in this port, calls env.mpbox_nlr_jump_fail(exc)
 *      instead: the host lands in that guard, or outside one ends the run
 *      at once (host/emscripten.c) rather than after the time limit.
 *   7. the VM's frames are known to the host: once mp_execute_bytecode's
 *      prologue has set exc_sp (a slot of its shadow-stack frame) and
 *      exc_stack, env.mpbox_exc_enter(&exc_sp, exc_stack); before its one
 *      return, after it has restored the stack pointer,
 *      env.mpbox_exc_leave(stack pointer) (host/exc.c drops the frames
 *      below the stack pointer).
 *   8. the last line of a traceback (mp_obj_print_exception's
 *      mp_obj_print_helper(print, exc, PRINT_EXC)) is the text
 *      env.mpbox_exc_line(exc) answers, printed with PRINT_STR, when it
 *      answers one: for an instance of a Python class "Name: str(e)", as
 *      CPython (MicroPython prints the native exception's arguments,
 *      ignoring a __str__ of the class), and "Name" alone when str(e) is
 *      empty (MicroPython writes "Name: "); else as before.
 * The attribute names are qstrs made at run time: lib/python/_mpbox_exc.py
 * hands their numbers and the two texts over while the start-up image is
 * built (the exported global mpbox_exc_table, core/internal.c).
 *
 * Found structurally and verified, or the build stops:
 *   mp_obj_exception_make_new  (i32 x4) -> i32 with the one
 *       select(call ALLOC(16), EMERGENCY, ...) of the module;
 *   mp_obj_exception_attr  the attr slot of the types whose make_new slot
 *       is mp_obj_exception_make_new (mp_obj_type_t: slot indexes at bytes
 *       8..19, make_new's at 8, attr's at 13, slot i at 16 + 4i);
 *   mp_execute_bytecode  the user of "exception chaining not supported";
 *       its RAISE_FROM block W = block { br_if (i32.load SP) == None; the
 *       warning }, followed in its block by the store of the exception
 *       (local R) into the nlr value slot (i32.store offset=V (local FP));
 *       its handler's pop loop: block { br_if exc_sp < exc_stack, where
 *       exc_sp = i32.load offset=X (local FP) and exc_stack a local,
 *       loop ... }, followed in its block by the store of the nlr value
 *       i32.load offset=V (local FP) into exc_sp->prev_exc (offset 8);
 *       its prologue: a store to exc_sp at the body's top level whose value
 *       sets the exc_stack local, before any block; its one return, right
 *       after the restore of the stack pointer;
 *   mp_obj_print_exception  the user of "Traceback (most recent call
 *       last):\n"; its two callers, sys.print_exception (returns a value)
 *       and the uncaught exception's (returns none, and adds the byte 4 to
 *       its vstr first);
 *   mp_print_str  called by mp_obj_exception_print as (print, TEXT).
 *   nlr_jump_fail  the one function (i32) -> () whose body is an empty
 *       endless loop, (loop $l (br $l)), called directly from one function.
 * Run after guest/errtext and before guest/fuel.
 */
#include "match.h"

#define TABLE_GLOBAL "mpbox_exc_table"
#define TAG_CONST "mpbox_exc_tag"
#define EXC_TAG 0x6d70b5a3 /* low bits set: never a block address */
#define WARNING "exception chaining not supported"
#define TRACEBACK "Traceback (most recent call last):\n"
#define NONE_OBJ 6 /* mp_const_none */
#define CHAIN_MAX 64
#define PRINT_STR 0 /* py/obj.h */
#define PRINT_EXC 2

static BinaryenFunctionRef f_make_new, f_attr, f_vm, f_print_exc, f_uncaught, f_print_str, f_jump_fail;
static BinaryenExpressionRef alloc_call;       /* ALLOC(16) in make_new */
static BinaryenExpressionRef uncaught_call;    /* mp_obj_print_exception in the uncaught path */
static BinaryenExpressionRef exc_line_call;    /* its mp_obj_print_helper(print, exc, PRINT_EXC) */

static BinaryenExpressionRef c32(int32_t v) { return BinaryenConst(mod, BinaryenLiteralInt32(v)); }

/* ---- parents -------------------------------------------------------- */

/* The block that holds `target` as a direct child, and its index there. */
static BinaryenExpressionRef parent_block(BinaryenExpressionRef root, BinaryenExpressionRef target, BinaryenIndex *at)
{
    size_t sp = 0, cap = 64;
    BinaryenExpressionRef *stack = xrealloc(NULL, cap * sizeof *stack);
    stack[sp++] = root;
    BinaryenExpressionRef found_in = NULL;
    while (sp && !found_in) {
        BinaryenExpressionRef e = stack[--sp];
        BinaryenIndex n = nchildren(e);
        for (BinaryenIndex i = 0; i < n; i++) {
            BinaryenExpressionRef c = child(e, i);
            if (c == target && is_id(e, ID_BLOCK)) {
                found_in = e;
                *at = i;
                break;
            }
            if (!c) continue;
            if (sp == cap) stack = xrealloc(stack, (cap *= 2) * sizeof *stack);
            stack[sp++] = c;
        }
    }
    free(stack);
    return found_in;
}

/* Whether the tree `e` writes local `idx`. */
static int sets_local(BinaryenExpressionRef e, BinaryenIndex idx)
{
    if (is_id(e, ID_LOCAL_SET) && BinaryenLocalSetGetIndex(e) == idx) return 1;
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n; i++) {
        BinaryenExpressionRef c = child(e, i);
        if (c && sets_local(c, idx)) return 1;
    }
    return 0;
}

/* i32.load offset=off (local.get idx) */
static int is_frame_load(BinaryenExpressionRef e, BinaryenIndex *idx, uint32_t *off)
{
    if (!is_id(e, ID_LOAD) || BinaryenLoadGetBytes(e) != 4 || BinaryenExpressionGetType(e) != BinaryenTypeInt32()) return 0;
    BinaryenExpressionRef p = BinaryenLoadGetPtr(e);
    if (!is_id(p, ID_LOCAL_GET)) return 0;
    *idx = BinaryenLocalGetGetIndex(p);
    *off = BinaryenLoadGetOffset(e);
    return 1;
}

/* ---- the table: functions behind the table's slots ------------------- */

/* The function at table index `idx` (the one active segment), or NULL. */
static const char *table_function(int32_t idx)
{
    for (BinaryenIndex s = 0; s < BinaryenGetNumElementSegments(mod); s++) {
        BinaryenElementSegmentRef seg = BinaryenGetElementSegmentByIndex(mod, s);
        if (BinaryenElementSegmentIsPassive(seg)) continue;
        int32_t base;
        if (!is_const(BinaryenElementSegmentGetOffset(seg), &base)) mismatch("%s", "an element segment with a computed offset");
        BinaryenIndex n = BinaryenElementSegmentGetLength(seg);
        if (idx >= base && (int64_t)idx < (int64_t)base + n) return BinaryenElementSegmentGetData(seg, (BinaryenIndex)(idx - base));
    }
    return NULL;
}

/* ---- finding -------------------------------------------------------- */

static void find_make_new(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 4, 1)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_SELECT)) continue;
            BinaryenExpressionRef t = BinaryenSelectGetIfTrue(e), fl = BinaryenSelectGetIfFalse(e);
            if (is_id(t, ID_LOCAL_SET)) t = BinaryenLocalSetGetValue(t);
            if (!is_id(t, ID_CALL) || BinaryenCallGetNumOperands(t) != 1 || !is_const_eq(BinaryenCallGetOperandAt(t, 0), 16))
                continue;
            if (!is_const(fl, NULL) && !(is_id(fl, ID_BINARY) && is_const(BinaryenBinaryGetLeft(fl), NULL) &&
                                         is_const(BinaryenBinaryGetRight(fl), NULL)))
                continue;
            if (!has_sig(callee(t), 1, 1)) continue;
            if (alloc_call && alloc_call != t) mismatch("%s", "two candidates for mp_obj_exception_make_new");
            alloc_call = t;
            f_make_new = f;
        }
    }
    if (!f_make_new) mismatch("%s", "mp_obj_exception_make_new not found");
}

static int32_t data_word(const char *buf, size_t k)
{
    int32_t v;
    memcpy(&v, buf + k, 4);
    return v;
}

/* The attr slot of the types made by mp_obj_exception_make_new. */
static void find_attr(void)
{
    int32_t make_new = table_index(BinaryenFunctionGetName(f_make_new));
    const char *attr = NULL;
    int types = 0;
    for (BinaryenIndex s = 0; s < BinaryenGetNumMemorySegments(mod); s++) {
        if (BinaryenGetMemorySegmentPassive(mod, s)) continue;
        size_t len = BinaryenGetMemorySegmentByteLength(mod, s);
        char *buf = xrealloc(NULL, len);
        BinaryenCopyMemorySegmentData(mod, s, buf);
        uint32_t off = BinaryenGetMemorySegmentByteOffset(mod, s);
        for (size_t k = 0; k + 20 <= len; k += 4) {
            if ((off + k) % 4) continue;
            uint8_t slot = (uint8_t)buf[k + 8], attr_slot = (uint8_t)buf[k + 13];
            if (slot == 0 || slot > 12 || attr_slot == 0 || attr_slot > 12) continue;
            size_t at = k + 16 + 4u * slot, attr_at = k + 16 + 4u * attr_slot;
            if (attr_at + 4 > len || at + 4 > len || data_word(buf, at) != make_new) continue;
            const char *fn = table_function(data_word(buf, attr_at));
            if (!fn) continue;
            if (attr && strcmp(attr, fn) != 0) mismatch("%s", "exception types with two attr functions");
            attr = fn;
            types++;
        }
        free(buf);
    }
    if (!attr || types < 10) mismatch("%s", "the exception types were not found");
    f_attr = BinaryenGetFunction(mod, attr);
    if (!f_attr || !has_sig(f_attr, 3, 0)) mismatch("%s", "mp_obj_exception_attr is not (i32, i32, i32) -> ()");
}

static void find_print(void)
{
    int32_t tb = data_address(TRACEBACK);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_const_eq(nodes[k], tb)) found(&f_print_exc, f, "mp_obj_print_exception");
    }
    if (!f_print_exc || !has_sig(f_print_exc, 2, 0)) mismatch("%s", "mp_obj_print_exception not found");
    collect(f_print_exc);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 3 && is_local(BinaryenCallGetOperandAt(e, 0), 0) &&
            is_local(BinaryenCallGetOperandAt(e, 1), 1) && is_const_eq(BinaryenCallGetOperandAt(e, 2), PRINT_EXC) &&
            has_sig(callee(e), 3, 0)) {
            if (exc_line_call) mismatch("%s", "mp_obj_print_exception prints the exception twice");
            exc_line_call = e;
        }
    }
    if (!exc_line_call) mismatch("%s", "mp_obj_print_exception's mp_obj_print_helper(print, exc, PRINT_EXC) not found");
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_LOCAL_SET) && BinaryenLocalSetGetIndex(nodes[k]) <= 1)
            mismatch("%s", "mp_obj_print_exception reuses its parameters");
    int callers = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        BinaryenExpressionRef the_call = NULL;
        int byte4 = 0;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (!is_id(e, ID_CALL)) continue;
            if (callee(e) == f_print_exc) {
                if (the_call) mismatch("%s", "a function prints an exception twice");
                the_call = e;
            } else if (BinaryenCallGetNumOperands(e) == 2 && is_const_eq(BinaryenCallGetOperandAt(e, 1), 4)) {
                byte4 = 1;
            }
        }
        if (!the_call) continue;
        callers++;
        if (has_sig(f, 2, 0) && byte4) {
            found(&f_uncaught, f, "the uncaught exception's printer");
            uncaught_call = the_call;
        } else if (!has_sig(f, 2, 1)) {
            mismatch("%s", "mp_obj_print_exception has an unknown caller");
        }
    }
    if (callers != 2 || !f_uncaught) mismatch("%s", "mp_obj_print_exception's callers are not the two expected");
    /* mp_print_str, as mp_obj_exception_print calls it */
    int32_t errno_fmt = data_address("[Errno %d] %q");
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod) && !f_print_str; i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !has_sig(f, 3, 0)) continue;
        collect(f);
        int uses = 0;
        for (size_t k = 0; k < nnodes; k++) uses |= is_const_eq(nodes[k], errno_fmt);
        if (!uses) continue;
        for (size_t k = 0; k < nnodes; k++) {
            BinaryenExpressionRef e = nodes[k];
            if (is_id(e, ID_CALL) && BinaryenCallGetNumOperands(e) == 2 && is_local(BinaryenCallGetOperandAt(e, 0), 0) &&
                is_const(BinaryenCallGetOperandAt(e, 1), NULL))
                found(&f_print_str, callee(e), "mp_print_str");
        }
    }
    if (!f_print_str) mismatch("%s", "mp_print_str not found");
}

/* Whether the tree `e` contains `target`. */
static int contains(BinaryenExpressionRef e, BinaryenExpressionRef target)
{
    if (e == target) return 1;
    BinaryenIndex n = nchildren(e);
    for (BinaryenIndex i = 0; i < n; i++) {
        BinaryenExpressionRef c = child(e, i);
        if (c && contains(c, target)) return 1;
    }
    return 0;
}

/* RAISE_FROM and the handler, in mp_execute_bytecode. */
static BinaryenExpressionRef raise_block, raise_parent, raise_store, caught_block, caught_parent, prologue;
static BinaryenIndex raise_sp, raise_obj, frame, exc_stack_local;
static uint32_t value_off, exc_sp_off;

static void find_vm(void)
{
    int32_t warn = data_address(WARNING);
    const_use uses[2];
    if (const_uses(warn, uses, 2) != 1) mismatch("%s", "the chaining warning is not raised exactly once");
    f_vm = uses[0].f;
    BinaryenExpressionRef body = BinaryenFunctionGetBody(f_vm);

    /* RAISE_FROM: block { br_if (i32.load (local SP)) == None; ... the warning ... } */
    collect(f_vm);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef b = nodes[k];
        if (!is_id(b, ID_BLOCK) || BinaryenBlockGetNumChildren(b) < 2) continue;
        BinaryenExpressionRef br = BinaryenBlockGetChildAt(b, 0);
        if (!is_id(br, ID_BREAK) || !BinaryenBreakGetCondition(br)) continue;
        BinaryenExpressionRef cond = BinaryenBreakGetCondition(br);
        BinaryenIndex idx;
        uint32_t off;
        if (!is_binary(cond, BinaryenEqInt32()) || !is_const_eq(BinaryenBinaryGetRight(cond), NONE_OBJ) ||
            !is_frame_load(BinaryenBinaryGetLeft(cond), &idx, &off) || off != 0 || !contains(b, uses[0].call))
            continue;
        if (raise_block) mismatch("%s", "two candidates for RAISE_FROM's test of the cause");
        raise_block = b;
        raise_sp = idx;
    }
    if (!raise_block) mismatch("%s", "RAISE_FROM's test of the cause against None not found");
    BinaryenIndex at;
    raise_parent = parent_block(body, raise_block, &at);
    if (!raise_parent) mismatch("%s", "RAISE_FROM's block has no parent block");
    /* then the exception is made and stored into the nlr value slot:
     * i32.store offset=V (local FP) (local R); SP stays */
    for (BinaryenIndex c = at + 1; c < BinaryenBlockGetNumChildren(raise_parent) && !value_off; c++) {
        BinaryenExpressionRef e = BinaryenBlockGetChildAt(raise_parent, c);
        if (is_id(e, ID_STORE) && BinaryenStoreGetBytes(e) == 4 && BinaryenStoreGetOffset(e) != 0 &&
            is_id(BinaryenStoreGetPtr(e), ID_LOCAL_GET) && is_id(BinaryenStoreGetValue(e), ID_LOCAL_GET)) {
            frame = BinaryenLocalGetGetIndex(BinaryenStoreGetPtr(e));
            value_off = BinaryenStoreGetOffset(e);
            raise_obj = BinaryenLocalGetGetIndex(BinaryenStoreGetValue(e));
            raise_store = e;
            break;
        }
        if (sets_local(e, raise_sp)) mismatch("%s", "RAISE_FROM's stack pointer changes before the raise");
    }
    if (!raise_store || frame == raise_sp || raise_obj == raise_sp) mismatch("%s", "RAISE_FROM's raise not found");

    /* the handler's pop loop: block { br_if (load offset=X (local FP)) <u (local S); ...; loop } */
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef b = nodes[k];
        if (!is_id(b, ID_BLOCK) || BinaryenBlockGetNumChildren(b) < 2) continue;
        BinaryenExpressionRef br = BinaryenBlockGetChildAt(b, 0);
        BinaryenExpressionRef lp = BinaryenBlockGetChildAt(b, BinaryenBlockGetNumChildren(b) - 1);
        if (!is_id(br, ID_BREAK) || !BinaryenBreakGetCondition(br) || !is_id(lp, ID_LOOP)) continue;
        BinaryenExpressionRef cond = BinaryenBreakGetCondition(br);
        BinaryenIndex fp;
        uint32_t off;
        if (!is_binary(cond, BinaryenLtUInt32()) || !is_frame_load(BinaryenBinaryGetLeft(cond), &fp, &off) ||
            fp != frame || !is_id(BinaryenBinaryGetRight(cond), ID_LOCAL_GET))
            continue;
        BinaryenExpressionRef p = parent_block(body, b, &at);
        if (!p) continue;
        /* followed in its block by exc_sp->prev_exc = ... */
        int prev_exc = 0;
        for (BinaryenIndex c = at + 1; c < BinaryenBlockGetNumChildren(p) && !prev_exc; c++) {
            BinaryenExpressionRef e = BinaryenBlockGetChildAt(p, c);
            BinaryenIndex i2;
            uint32_t o2;
            if (is_id(e, ID_STORE) && BinaryenStoreGetOffset(e) == 8 && is_frame_load(BinaryenStoreGetPtr(e), &i2, &o2) &&
                i2 == frame && o2 == off)
                prev_exc = 1;
        }
        if (!prev_exc) continue;
        if (caught_block) mismatch("%s", "two candidates for the handler's pop loop");
        caught_block = b;
        caught_parent = p;
        exc_sp_off = off;
        exc_stack_local = BinaryenLocalGetGetIndex(BinaryenBinaryGetRight(cond));
    }
    if (!caught_block) mismatch("%s", "the exception handler's pop loop not found");
    if (exc_sp_off == value_off) mismatch("%s", "exc_sp and the nlr value share a slot");

    /* the prologue: exc_sp = exc_stack - 1, a store at the body's top level
     * whose value sets the exc_stack local */
    if (!is_id(body, ID_BLOCK)) mismatch("%s", "mp_execute_bytecode's body is not a block");
    for (BinaryenIndex c = 0; c < BinaryenBlockGetNumChildren(body) && !prologue; c++) {
        BinaryenExpressionRef e = BinaryenBlockGetChildAt(body, c);
        if (is_id(e, ID_STORE) && BinaryenStoreGetOffset(e) == exc_sp_off && is_local(BinaryenStoreGetPtr(e), frame) &&
            sets_local(BinaryenStoreGetValue(e), exc_stack_local))
            prologue = e;
        else if (sets_local(e, exc_stack_local) || is_id(e, ID_BLOCK) || is_id(e, ID_LOOP))
            break;
    }
    if (!prologue) mismatch("%s", "mp_execute_bytecode's prologue does not set exc_sp and exc_stack first");
}

/* The index of `e` in block `b`. */
/* (loop $l (br $l)), the body of a function that spins forever */
static int spins(BinaryenExpressionRef e)
{
    if (!is_id(e, ID_LOOP) || !BinaryenLoopGetName(e)) return 0;
    BinaryenExpressionRef b = BinaryenLoopGetBody(e);
    return is_id(b, ID_BREAK) && !BinaryenBreakGetCondition(b) && !BinaryenBreakGetValue(b) &&
           strcmp(BinaryenBreakGetName(b), BinaryenLoopGetName(e)) == 0;
}

static void find_jump_fail(void)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (is_defined(f) && has_sig(f, 1, 0) && spins(BinaryenFunctionGetBody(f)))
            found(&f_jump_fail, f, "nlr_jump_fail");
    }
    if (!f_jump_fail) mismatch("%s", "nlr_jump_fail not found");
    const char *name = BinaryenFunctionGetName(f_jump_fail);
    int callers = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f)) continue;
        collect(f);
        for (size_t k = 0; k < nnodes; k++)
            if (is_id(nodes[k], ID_CALL) && strcmp(BinaryenCallGetTarget(nodes[k]), name) == 0) callers++;
    }
    if (callers != 1) mismatch("%s", "nlr_jump_fail is not called from exactly one place");
}

static BinaryenIndex index_in(BinaryenExpressionRef b, BinaryenExpressionRef e)
{
    for (BinaryenIndex i = 0; i < BinaryenBlockGetNumChildren(b); i++)
        if (BinaryenBlockGetChildAt(b, i) == e) return i;
    mismatch("%s", "internal error: an expression left its block");
    return 0;
}

/* ---- rewriting ------------------------------------------------------ */

/* mpbox$exc_alloc(): ALLOC(32), tagged. */
static void add_alloc(void)
{
    const BinaryenType I = BinaryenTypeInt32();
    BinaryenFunctionRef alloc = callee(alloc_call);
    BinaryenExpressionRef got = call(BinaryenFunctionGetName(alloc), (BinaryenExpressionRef[]){c32(32)}, 1, I);
    BinaryenExpressionRef tag = BinaryenStore(mod, 4, 28, 4, lget(0),
                                              BinaryenBinary(mod, BinaryenXorInt32(), lget(0), c32(EXC_TAG)), I);
    BinaryenExpressionRef body[] = {
        BinaryenLocalSet(mod, 0, got),
        BinaryenIf(mod, lget(0), tag, NULL),
        lget(0),
    };
    BinaryenAddFunction(mod, "mpbox$exc_alloc", BinaryenTypeNone(), I, (BinaryenType[]){I}, 1,
                        BinaryenBlock(mod, NULL, body, 3, I));
}

/* mpbox$print_chain(print, exc): the chain oldest first, then exc. */
/* mp_print_str(print, text) of the locals P and T, if text is not 0 */
static BinaryenExpressionRef print_text(const char *ps, int ps_result, BinaryenIndex p, BinaryenIndex t)
{
    BinaryenExpressionRef c = call(ps, (BinaryenExpressionRef[]){lget(p), lget(t)}, 2,
                                   ps_result ? BinaryenTypeInt32() : BinaryenTypeNone());
    return ps_result ? BinaryenDrop(mod, c) : c;
}

static void add_print_chain(void)
{
    const BinaryenType I = BinaryenTypeInt32(), N = BinaryenTypeNone();
    const char *ps = BinaryenFunctionGetName(f_print_str);
    int ps_result = BinaryenFunctionGetResults(f_print_str) != N;
    enum { P = 0, E = 1, L_N = 2, L_T = 3 };
    /* n = how many exceptions the chain holds beyond exc */
    BinaryenExpressionRef count = BinaryenLoop(
        mod, "count",
        BinaryenIf(mod,
                   BinaryenBinary(mod, BinaryenAndInt32(),
                                  BinaryenBinary(mod, BinaryenLtUInt32(), lget(L_N), c32(CHAIN_MAX)),
                                  BinaryenBinary(mod, BinaryenNeInt32(),
                                                 call("mpbox$exc_chain",
                                                      (BinaryenExpressionRef[]){lget(E), BinaryenBinary(mod, BinaryenAddInt32(), lget(L_N), c32(1))},
                                                      2, I),
                                                 c32(0))),
                   BinaryenBlock(mod, NULL,
                                 (BinaryenExpressionRef[]){
                                     BinaryenLocalSet(mod, L_N, BinaryenBinary(mod, BinaryenAddInt32(), lget(L_N), c32(1))),
                                     BinaryenBreak(mod, "count", NULL, NULL)},
                                 2, N),
                   NULL));
    /* for n down to 1: print the n-th, then the line that links it to the next */
    BinaryenExpressionRef each = BinaryenLoop(
        mod, "each",
        BinaryenIf(mod, lget(L_N),
                   BinaryenBlock(mod, NULL,
                                 (BinaryenExpressionRef[]){
                                     BinaryenLocalSet(mod, L_T, call("mpbox$exc_print",
                                          (BinaryenExpressionRef[]){lget(P),
                                                                    call("mpbox$exc_chain", (BinaryenExpressionRef[]){lget(E), lget(L_N)}, 2, I)},
                                          2, I)),
                                     BinaryenIf(mod, lget(L_T), print_text(ps, ps_result, P, L_T), NULL),
                                     BinaryenLocalSet(mod, L_T, call("mpbox$exc_link", (BinaryenExpressionRef[]){lget(E), lget(L_N)}, 2, I)),
                                     BinaryenIf(mod, lget(L_T), print_text(ps, ps_result, P, L_T), NULL),
                                     BinaryenLocalSet(mod, L_N, BinaryenBinary(mod, BinaryenSubInt32(), lget(L_N), c32(1))),
                                     BinaryenBreak(mod, "each", NULL, NULL)},
                                 6, N),
                   NULL));
    BinaryenExpressionRef body[] = {
        count,
        each,
        BinaryenLocalSet(mod, L_T, call("mpbox$exc_print", (BinaryenExpressionRef[]){lget(P), lget(E)}, 2, I)),
        BinaryenIf(mod, lget(L_T), print_text(ps, ps_result, P, L_T), NULL),
    };
    BinaryenAddFunction(mod, "mpbox$print_chain", i32s(2), N, (BinaryenType[]){I, I}, 2,
                        BinaryenBlock(mod, NULL, body, 4, N));
}

/* mpbox$exc_line(print, exc): the last line of a traceback; for an
 * instance of a Python class, the text env.mpbox_exc_line answers. */
static void add_exc_line(void)
{
    const BinaryenType I = BinaryenTypeInt32(), N = BinaryenTypeNone();
    const char *helper = BinaryenFunctionGetName(callee(exc_line_call));
    BinaryenExpressionRef body = BinaryenBlock(
        mod, NULL,
        (BinaryenExpressionRef[]){
            BinaryenLocalSet(mod, 2, call("mpbox$exc_line_text", (BinaryenExpressionRef[]){lget(1)}, 1, I)),
            BinaryenIf(mod, lget(2), call(helper, (BinaryenExpressionRef[]){lget(0), lget(2), c32(PRINT_STR)}, 3, N),
                       call(helper, (BinaryenExpressionRef[]){lget(0), lget(1), c32(PRINT_EXC)}, 3, N))},
        2, N);
    BinaryenAddFunction(mod, "mpbox$exc_line", i32s(2), N, (BinaryenType[]){I}, 1, body);
    BinaryenCallSetTarget(exc_line_call, "mpbox$exc_line");
    BinaryenCallRemoveOperandAt(exc_line_call, 2);
}

/* Before mp_execute_bytecode's one return (its frame is popped by then):
 * env.mpbox_exc_leave(stack pointer). */
static void add_vm_leave(void)
{
    const BinaryenType I = BinaryenTypeInt32(), N = BinaryenTypeNone();
    collect(f_vm);
    BinaryenExpressionRef ret = NULL;
    for (size_t k = 0; k < nnodes; k++)
        if (is_id(nodes[k], ID_RETURN)) {
            if (ret) mismatch("%s", "mp_execute_bytecode returns in two places");
            ret = nodes[k];
        }
    if (!ret) mismatch("%s", "mp_execute_bytecode's return not found");
    BinaryenIndex at;
    BinaryenExpressionRef p = parent_block(BinaryenFunctionGetBody(f_vm), ret, &at);
    if (!p || at == 0 || !is_id(BinaryenBlockGetChildAt(p, at - 1), ID_GLOBAL_SET) ||
        strcmp(BinaryenGlobalSetGetName(BinaryenBlockGetChildAt(p, at - 1)), stack_pointer()) != 0)
        mismatch("%s", "mp_execute_bytecode's return does not follow the restore of the stack pointer");
    BinaryenBlockInsertChildAt(p, at, call("mpbox$exc_leave", (BinaryenExpressionRef[]){BinaryenGlobalGet(mod, stack_pointer(), I)}, 1, N));
}

int main(int argc, char **argv)
{
    open_guest(argc, argv, "excchain", TABLE_GLOBAL);
    find_make_new();
    find_attr();
    find_print();
    find_vm();
    find_jump_fail();

    const BinaryenType I = BinaryenTypeInt32(), N = BinaryenTypeNone();
    add_exported_global(TABLE_GLOBAL);
    export_const(TAG_CONST, EXC_TAG);
    add_import("mpbox$exc_attr", "mpbox_exc_attr", 3, 1);
    add_import("mpbox$exc_raise_from", "mpbox_exc_raise_from", 2, 1);
    add_import("mpbox$exc_caught", "mpbox_exc_caught", 4, 0);
    add_import("mpbox$exc_enter", "mpbox_exc_enter", 2, 0);
    add_import("mpbox$exc_leave", "mpbox_exc_leave", 1, 0);
    add_import("mpbox$exc_line_text", "mpbox_exc_line", 1, 1);
    add_import("mpbox$exc_chain", "mpbox_exc_chain", 2, 1);
    add_import("mpbox$exc_link", "mpbox_exc_link", 2, 1);
    add_import("mpbox$nlr_jump_fail", "mpbox_nlr_jump_fail", 1, 0);
    add_import("mpbox$exc_print", "mpbox_exc_print", 2, 1);
    export_function(f_print_exc, "mpbox_print_exc");

    /* 1. 32 tagged bytes */
    add_alloc();
    BinaryenCallSetTarget(alloc_call, "mpbox$exc_alloc");
    BinaryenCallRemoveOperandAt(alloc_call, 0);

    /* 4. the attributes */
    BinaryenExpressionRef attr_body[] = {
        BinaryenIf(mod, call("mpbox$exc_attr", (BinaryenExpressionRef[]){lget(0), lget(1), lget(2)}, 3, I),
                   BinaryenReturn(mod, NULL), NULL),
        BinaryenFunctionGetBody(f_attr),
    };
    BinaryenFunctionSetBody(f_attr, BinaryenBlock(mod, NULL, attr_body, 2, N));

    /* 2. RAISE_FROM: no warning; the cause once the exception is made */
    BinaryenBlockSetChildAt(raise_parent, index_in(raise_parent, raise_block), BinaryenNop(mod));
    BinaryenBlockInsertChildAt(raise_parent, index_in(raise_parent, raise_store),
                               BinaryenLocalSet(mod, raise_obj,
                                                call("mpbox$exc_raise_from",
                                                     (BinaryenExpressionRef[]){lget(raise_obj),
                                                                               BinaryenLoad(mod, 4, false, 0, 4, I, lget(raise_sp))},
                                                     2, I)));

    /* 3. the context, before the handler pops the blocks the exception leaves */
    BinaryenBlockInsertChildAt(caught_parent, index_in(caught_parent, caught_block),
                               call("mpbox$exc_caught",
                                    (BinaryenExpressionRef[]){BinaryenLoad(mod, 4, false, value_off, 4, I, lget(frame)),
                                                              BinaryenLoad(mod, 4, false, exc_sp_off, 4, I, lget(frame)),
                                                              lget(exc_stack_local),
                                                              BinaryenBinary(mod, BinaryenAddInt32(), lget(frame), c32((int32_t)exc_sp_off))},
                                    4, N));

    /* 5. the uncaught exception's traceback with its chain; 8. its last line */
    add_print_chain();
    add_exc_line();
    BinaryenCallSetTarget(uncaught_call, "mpbox$print_chain");

    /* 6. no endless loop when nothing can catch */
    BinaryenExpressionRef fail_body[] = {call("mpbox$nlr_jump_fail", (BinaryenExpressionRef[]){lget(0)}, 1, N),
                                         BinaryenUnreachable(mod)};
    BinaryenFunctionSetBody(f_jump_fail, BinaryenBlock(mod, NULL, fail_body, 2, N));

    /* 7. the frames: each run of the VM says where its exc_sp lives and
     * where its exception stack starts once its prologue has set them, and
     * that it leaves before its one return */
    BinaryenBlockInsertChildAt(BinaryenFunctionGetBody(f_vm), index_in(BinaryenFunctionGetBody(f_vm), prologue) + 1,
                               call("mpbox$exc_enter",
                                    (BinaryenExpressionRef[]){BinaryenBinary(mod, BinaryenAddInt32(), lget(frame), c32((int32_t)exc_sp_off)),
                                                              lget(exc_stack_local)},
                                    2, N));
    add_vm_leave();

    write_module(mod, argv[1], argv[2]);
    BinaryenModuleDispose(mod);
    fprintf(stderr, "%s: %s -> %s: exceptions keep __cause__ and __context__\n", prog, argv[1], argv[2]);
    return 0;
}
