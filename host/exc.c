/*
 * exc.c — exception chaining as CPython has it: the imports guest/excchain
 * puts into the guest (see there for where each is called), and the texts
 * of unsupported operations guest/errtext asks for (at the end).
 *
 * An exception made by mp_obj_exception_make_new is 32 bytes: words 0..3
 * are MicroPython's (type, traceback alloc/len, traceback data, args),
 * word 4 is __cause__, word 5 __context__ (0 for None), word 6 flags (bit 0
 * __suppress_context__), word 7 a tag: the object's address ^
 * mpbox_exc_tag. Only an object with a valid tag is read or written here;
 * an instance of a Python subclass holds its native exception in word 4
 * (mp_obj_instance_t: type, members map of 3 words, subobj[0]).
 *
 * The attribute names (qstrs made while the start-up image is built) and
 * the texts that link a chain come from a table in guest memory that
 * lib/python/_mpbox_exc.py hands over (core/internal.c "exc_table"), eleven
 * words: the qstrs of __cause__, __context__, __suppress_context__,
 * __traceback__, the addresses of the NUL-terminated texts "the direct
 * cause", "during handling" and "<exception str() failed>", the qstr of
 * _mpbox_handled (the exception being handled, for sys.exc_info), the
 * Python function that writes a traceback's last line for an instance of
 * a Python class, the one that raises CPython's TypeError for a store or
 * delete it refuses (e.__cause__ = 1), and the one that makes the cause of
 * `raise X from C` when C is not an exception (an instance of the class
 * C, or CPython's TypeError). Every guest address is
 * checked; a bad table or object only makes these do nothing.
 *
 * The exception being handled is the prev_exc of the innermost block of an
 * exception stack that has caught one, in the running frame or the frames
 * it was called from: the VM reports each frame (mpbox_exc_enter: the
 * address of its exc_sp, which it keeps in memory, and its exception
 * stack) and its end (mpbox_exc_leave: frames below the stack pointer are
 * gone), in mpb_host.exc_frame_*, emptied when a run starts. A frame an
 * exception unwinds says nothing: where the exception lands (an invoke_*
 * trampoline, host/emscripten.c, or the print guard) the frames below the
 * restored stack pointer are dropped, so that no frame whose memory is
 * reused is ever read as a live one.
 */
#include "gmem.h"
#include "host.h"

#define NONE_OBJ 6u    /* mp_const_none */
#define FALSE_OBJ 14u  /* mp_const_false */
#define TRUE_OBJ 30u   /* mp_const_true */
#define SENTINEL 4u    /* MP_OBJ_SENTINEL: dest[0] of a store */
#define EMPTY_STR 10u  /* '', the interned str of qstr 1 (MP_QSTR_) */
#define SUPPRESS 1u
#define WALK_MAX 256u  /* exception blocks or chain links looked at, at most */
#define CHAIN_MAX 64u  /* a printed chain's length, at most (guest/excchain) */

enum { W_CAUSE = 4, W_CONTEXT = 5, W_FLAGS = 6, W_TAG = 7 };
enum { T_CAUSE, T_CONTEXT, T_SUPPRESS, T_TRACEBACK, T_TEXT_CAUSE, T_TEXT_CONTEXT, T_TEXT_FAILED, T_HANDLED,
       T_LINE, T_REFUSE, T_MAKE_CAUSE, T_WORDS };
/* the refusals T_REFUSE raises (lib/python/_mpbox_exc.py, _REFUSALS) */
enum { R_CAUSE, R_CONTEXT, R_SUPPRESS, R_DEL_CAUSE, R_DEL_CONTEXT, R_DEL_SUPPRESS, R_DEL_TRACEBACK };

static wasm_rt_memory_t *mem(mpb_host *h) { return &h->inst->w2c_memory; }

static uint32_t word(mpb_host *h, uint32_t obj, unsigned i)
{
    uint32_t v = 0;
    if (mpb_g_u32(mem(h), obj + 4u * i, &v))
        return 0;
    return v;
}

static void put(mpb_host *h, uint32_t obj, unsigned i, uint32_t v) { (void)mpb_g_put_u32(mem(h), obj + 4u * i, v); }

static int tagged(mpb_host *h, uint32_t obj)
{
    uint32_t tag = *Z_micropythonZ_mpbox_exc_tag(h->inst);
    return obj && !(obj & 3) && obj < UINT32_MAX - 32 && mpb_g_ok(mem(h), obj, 32) && word(h, obj, W_TAG) == (obj ^ tag);
}

/* The exception object with room for the chain behind obj (itself, or
 * the native exception of an instance of a Python subclass), or 0. */
static uint32_t ext(mpb_host *h, uint32_t obj)
{
    if (tagged(h, obj))
        return obj;
    if (!obj || (obj & 3) || !mpb_g_ok(mem(h), obj, 20))
        return 0;
    uint32_t sub = word(h, obj, 4);
    return tagged(h, sub) ? sub : 0;
}

static int table(mpb_host *h, uint32_t t[T_WORDS])
{
    uint32_t at = *Z_micropythonZ_mpbox_exc_table(h->inst);
    return at && mpb_g_read(mem(h), at, t, 4 * T_WORDS) == 0;
}

/* obj as a chain value: an exception or None. */
static uint32_t as_obj(uint32_t v) { return v ? v : NONE_OBJ; }

/* The exception that follows e in a printed chain, CPython's way: the
 * cause, else the context unless suppressed. *how is T_TEXT_CAUSE or
 * T_TEXT_CONTEXT. */
static uint32_t next_in_chain(mpb_host *h, uint32_t e, int *how)
{
    uint32_t x = ext(h, e);
    if (!x)
        return 0;
    uint32_t cause = word(h, x, W_CAUSE), context = word(h, x, W_CONTEXT);
    if (cause) {
        *how = T_TEXT_CAUSE;
        return cause;
    }
    if (context && !(word(h, x, W_FLAGS) & SUPPRESS)) {
        *how = T_TEXT_CONTEXT;
        return context;
    }
    return 0;
}

/* The i-th exception back from exc in its chain (0: exc), stopping at a
 * repeat; *how says how it links to the one before. */
static uint32_t chain_at(mpb_host *h, uint32_t exc, uint32_t i, int *how)
{
    uint32_t seen[CHAIN_MAX + 1];
    uint32_t e = exc;
    seen[0] = exc;
    if (i > CHAIN_MAX)
        return 0;
    for (uint32_t k = 1; k <= i; k++) {
        e = next_in_chain(h, e, how);
        if (!e)
            return 0;
        for (uint32_t j = 0; j < k; j++)
            if (seen[j] == e)
                return 0;
        seen[k] = e;
    }
    return e;
}

uint32_t Z_envZ_mpbox_exc_chain(struct Z_env_instance_t *env, uint32_t exc, uint32_t i)
{
    int how = 0;
    return chain_at((mpb_host *)env, exc, i, &how);
}

/* The text printed after the i-th exception of the chain (between it and
 * the (i-1)-th), or 0. */
uint32_t Z_envZ_mpbox_exc_link(struct Z_env_instance_t *env, uint32_t exc, uint32_t i)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t t[T_WORDS];
    int how = 0;
    if (!table(h, t) || !chain_at(h, exc, i, &how))
        return 0;
    return t[how];
}

/* One exception of the uncaught one's printed chain: the guest's
 * mp_obj_print_exception(print, exc) under a guard. Nothing handles an
 * exception raised meanwhile (by the program's __repr__ or __str__, or a
 * KeyboardInterrupt): nlr_jump then lands here (Z_envZ_mpbox_nlr_jump_fail),
 * as an invoke_* trampoline lands, with the guest's stack pointer and the
 * invoke frames put back. Returns 0 when printed, else the text that ends
 * the line (0 without the table). */
uint32_t Z_envZ_mpbox_exc_print(struct Z_env_instance_t *env, uint32_t print, uint32_t exc)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t sp = h->inst->w2c_g0;
    mpb_jmp guard, *volatile outer_guard = h->print_guard, *volatile jmp_top = h->jmp_top;
    guard.prev = NULL;
    h->print_guard = &guard;
    if (__builtin_setjmp(guard.buf) == 0) {
        Z_micropythonZ_mpbox_print_exc(h->inst, print, exc);
        h->print_guard = outer_guard;
        return 0;
    }
    h->print_guard = outer_guard;
    h->jmp_top = jmp_top;
    Z_micropythonZ__emscripten_stack_restore(h->inst, sp);
    mpb_exc_unwound(h, sp);
    uint32_t t[T_WORDS];
    return table(h, t) ? t[T_TEXT_FAILED] : 0;
}

/* raise exc from from: returns the exception to raise (exc, or what the
 * table's function makes of a cause that is neither None nor an
 * exception). Nothing is raised here: the VM calls this directly, not
 * through an invoke_* trampoline, so a raise would skip its handlers. */
uint32_t Z_envZ_mpbox_exc_raise_from(struct Z_env_instance_t *env, uint32_t exc, uint32_t from)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t x = ext(h, exc), t[T_WORDS];
    if (!x)
        return exc;
    /* raise X from None: no cause; from an exception: that one, X itself
     * included as in CPython; from anything else: the table's function
     * answers (cause, None), an exception class instantiated, or (None,
     * error), CPython's TypeError (or what the class raised), raised in
     * place of X */
    uint32_t cause = 0;
    if (from != NONE_OBJ && ext(h, from)) {
        cause = from;
    } else if (from != NONE_OBJ && table(h, t) && t[T_MAKE_CAUSE]) {
        mpb_rt_check(h->call);
        uint32_t pair = Z_micropythonZ_mpbox_call_function_1(h->inst, t[T_MAKE_CAUSE], from);
        if (!pair || (pair & 3) || word(h, pair, 1) != 2) /* a tuple {type, len, items} */
            return exc;
        uint32_t made = word(h, pair, 2), error = word(h, pair, 3);
        if (ext(h, error))
            return error;
        cause = ext(h, made) ? made : 0;
    }
    put(h, x, W_CAUSE, cause);
    put(h, x, W_FLAGS, word(h, x, W_FLAGS) | SUPPRESS);
    return exc;
}

void Z_envZ_mpbox_exc_enter(struct Z_env_instance_t *env, uint32_t slot, uint32_t exc_stack)
{
    mpb_host *h = (mpb_host *)env;
    while (h->exc_frames && h->exc_frame_slot[h->exc_frames - 1] <= slot)
        h->exc_frames--; /* left without saying so (an unwinding) */
    if (h->exc_frames < MPB_EXC_FRAMES) {
        h->exc_frame_slot[h->exc_frames] = slot;
        h->exc_frame_stack[h->exc_frames++] = exc_stack;
    }
}

void mpb_exc_unwound(mpb_host *h, uint32_t stack_pointer)
{
    while (h->exc_frames && h->exc_frame_slot[h->exc_frames - 1] < stack_pointer)
        h->exc_frames--;
    mpb_repr_unwound(h, stack_pointer);
}

void Z_envZ_mpbox_exc_leave(struct Z_env_instance_t *env, uint32_t stack_pointer)
{
    mpb_exc_unwound((mpb_host *)env, stack_pointer);
}

/* The exception the innermost block of an exception stack (mp_exc_stack_t:
 * handler, val_sp, prev_exc) from exc_sp down to exc_stack has caught, or
 * 0. */
static uint32_t handled_in(mpb_host *h, uint32_t exc_sp, uint32_t exc_stack)
{
    for (uint32_t p = exc_sp, n = 0; p >= exc_stack && p >= 12 && n < WALK_MAX; p -= 12, n++) {
        uint32_t prev;
        if (mpb_g_u32(mem(h), p + 8, &prev))
            return 0;
        if (prev)
            return prev;
    }
    return 0;
}

/* The exception being handled: in the frame whose exc_sp lives at slot
 * (exc_sp, exc_stack given; slot 0: none), else in the frames outside it. */
static uint32_t handled(mpb_host *h, uint32_t slot, uint32_t exc_sp, uint32_t exc_stack)
{
    uint32_t e = slot ? handled_in(h, exc_sp, exc_stack) : 0;
    for (uint32_t i = h->exc_frames; !e && i-- > 0;) {
        uint32_t sp;
        if (h->exc_frame_slot[i] <= slot || mpb_g_u32(mem(h), h->exc_frame_slot[i], &sp))
            continue;
        e = handled_in(h, sp, h->exc_frame_stack[i]);
    }
    return e;
}

/* exc is raised, or leaves a frame, while an exception is handled: that
 * one is exc's context, unless exc has one already or is it. As CPython
 * does, a context chain that would lead back to exc is cut there. */
void Z_envZ_mpbox_exc_caught(struct Z_env_instance_t *env, uint32_t exc, uint32_t exc_sp, uint32_t exc_stack,
                             uint32_t slot)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t x = ext(h, exc);
    if (!x || word(h, x, W_CONTEXT))
        return;
    uint32_t e = handled(h, slot, exc_sp, exc_stack);
    if (!e || e == exc || !ext(h, e))
        return;
    uint32_t o = e;
    for (uint32_t n = 0; n < WALK_MAX; n++) {
        uint32_t ox = ext(h, o);
        uint32_t next = ox ? word(h, ox, W_CONTEXT) : 0;
        if (!next)
            break;
        if (next == exc) {
            put(h, ox, W_CONTEXT, 0);
            break;
        }
        o = next;
    }
    put(h, x, W_CONTEXT, e);
}

/* MicroPython's native exception exc when str(exc) is empty (no
 * arguments, or the one argument '' of any type but KeyError, whose key is
 * printed with repr()): its type's name as an interned str, for a last line
 * "Name" as CPython's rather than "Name: "; else 0. A tuple is {type, len,
 * items...}, a type's name the qstr at byte 6 of mp_obj_type_t. */
static uint32_t bare_name(mpb_host *h, uint32_t exc)
{
    uint32_t type = word(h, exc, 0), args = word(h, exc, 3), n = args ? word(h, args, 1) : 0;
    if (!type || (n == 1 && (word(h, args, 2) != EMPTY_STR || type == *Z_micropythonZ_mpbox_keyerror_type(h->inst))) ||
        n > 1)
        return 0;
    uint16_t name = 0;
    if (mpb_g_read(mem(h), type + 6, &name, sizeof name) || !name)
        return 0;
    return ((uint32_t)name << 3) | 2;
}

/* The last line of exc's traceback as a str object: for an instance of a
 * Python class (its native exception is not exc itself), the table's
 * function (lib/python/_mpbox_exc.py, which catches everything) of exc;
 * for a native exception whose str() is empty, its type's name; 0: print
 * it as MicroPython does. */
uint32_t Z_envZ_mpbox_exc_line(struct Z_env_instance_t *env, uint32_t exc)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t t[T_WORDS];
    if (tagged(h, exc))
        return bare_name(h, exc);
    if (!table(h, t) || !t[T_LINE] || !ext(h, exc))
        return 0;
    mpb_rt_check(h->call);
    uint32_t s = Z_micropythonZ_mpbox_call_function_1(h->inst, t[T_LINE], exc);
    if ((s & 7) == 2) /* an interned str */
        return s;
    if (!s || (s & 3) || word(h, s, 0) != *Z_micropythonZ_mpbox_type_str(h->inst))
        return 0;
    return s;
}

/* A store CPython refuses: the table's function raises its TypeError
 * (through this import's frame, as any raise in a called function). */
static uint32_t refuse(mpb_host *h, const uint32_t t[T_WORDS], uint32_t why)
{
    if (!t[T_REFUSE])
        return 0;
    mpb_rt_check(h->call);
    (void)Z_micropythonZ_mpbox_call_function_1(h->inst, t[T_REFUSE], why << 1 | 1); /* a small int */
    return 0;
}

/* A load (dest[0] == 0), store (dest[0] == SENTINEL, dest[1] the value) or
 * delete (the same, dest[1] == 0) of one of the chain's attributes on the
 * native exception self; 1 when answered. */
uint32_t Z_envZ_mpbox_exc_attr(struct Z_env_instance_t *env, uint32_t self, uint32_t attr, uint32_t dest)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t t[T_WORDS], d0, d1;
    if (!table(h, t) || mpb_g_u32(mem(h), dest, &d0) || mpb_g_u32(mem(h), dest + 4, &d1))
        return 0;
    int which = attr == t[T_CAUSE] ? T_CAUSE : attr == t[T_CONTEXT] ? T_CONTEXT : attr == t[T_SUPPRESS] ? T_SUPPRESS
                : attr == t[T_TRACEBACK] ? T_TRACEBACK : attr == t[T_HANDLED] ? T_HANDLED : -1;
    uint32_t x = ext(h, self);
    if (which < 0 || !x)
        return 0;
    if (d0 == 0) {
        uint32_t v;
        switch (which) {
        case T_CAUSE: v = as_obj(word(h, x, W_CAUSE)); break;
        case T_CONTEXT: v = as_obj(word(h, x, W_CONTEXT)); break;
        case T_SUPPRESS: v = word(h, x, W_FLAGS) & SUPPRESS ? TRUE_OBJ : FALSE_OBJ; break;
        case T_HANDLED: v = as_obj(handled(h, 0, 0, 0)); break;
        default:
            /* no traceback objects: the exception stands for its own
             * traceback (lib/python/traceback.py reads it), None when it
             * was never raised (traceback_len, the half-word at 6) */
            v = (word(h, x, 1) >> 16) ? self : NONE_OBJ;
        }
        return mpb_g_put_u32(mem(h), dest, v) == 0;
    }
    if (d0 != SENTINEL || which == T_HANDLED)
        return 0;
    if (d1 == 0) /* del e.__cause__ */
        return refuse(h, t, which == T_CAUSE ? R_DEL_CAUSE : which == T_CONTEXT ? R_DEL_CONTEXT
                                    : which == T_SUPPRESS ? R_DEL_SUPPRESS : R_DEL_TRACEBACK);
    if (which == T_TRACEBACK)
        return 0; /* __traceback__ = None as MicroPython has it */
    switch (which) {
    case T_CAUSE:
    case T_CONTEXT:
        if (d1 != NONE_OBJ && !ext(h, d1))
            return refuse(h, t, which == T_CAUSE ? R_CAUSE : R_CONTEXT);
        put(h, x, which == T_CAUSE ? W_CAUSE : W_CONTEXT, d1 == NONE_OBJ ? 0 : d1);
        if (which == T_CAUSE)
            put(h, x, W_FLAGS, word(h, x, W_FLAGS) | SUPPRESS);
        break;
    default:
        if (d1 != TRUE_OBJ && d1 != FALSE_OBJ)
            return refuse(h, t, R_SUPPRESS);
        put(h, x, W_FLAGS, d1 == TRUE_OBJ ? word(h, x, W_FLAGS) | SUPPRESS : word(h, x, W_FLAGS) & ~SUPPRESS);
    }
    return mpb_g_put_u32(mem(h), dest, 0) == 0; /* stored */
}

/* ---- the text of a binary operation no type supports (guest/errtext) ---- */

/* mp_binary_op_t of MicroPython 1.27 (py/runtime0.h) */
enum { OP_LESS = 0, OP_MORE_EQUAL = 4, OP_INPLACE_ADD = 14, OP_INPLACE_MULTIPLY = 16, OP_ADD = 27, OP_MULTIPLY = 29,
       OP_DIVMOD = 35 };
/* entries of guest/errtext's table (lib/python/_mpbox_exc.py's _TEXTS):
 * the four formats, then one operator symbol per operator 0..OP_DIVMOD
 * (empty where CPython has none) */
enum { E_UNSUPPORTED = 15, E_CONCAT, E_COMPARE, E_SEQ_MUL, E_SYMBOLS, E_WORDS = E_SYMBOLS + OP_DIVMOD + 1 };
#define TYPE_NAME_MAX 64

static int is_sequence(const char *name)
{
    return !strcmp(name, "str") || !strcmp(name, "list") || !strcmp(name, "tuple") || !strcmp(name, "bytes") ||
           !strcmp(name, "bytearray");
}

/* va holds (method name qstr, left type name, right type name) for
 * "unsupported types for %q: '%s', '%s'" (fmt); returns CPython's format
 * for op and rewrites va to its arguments, or returns fmt as it is. */
uint32_t Z_envZ_mpbox_binop_text(struct Z_env_instance_t *env, uint32_t op, uint32_t va, uint32_t fmt)
{
    mpb_host *h = (mpb_host *)env;
    uint32_t at = *Z_micropythonZ_mpbox_error_texts(h->inst), t[E_WORDS], w[3];
    char left[TYPE_NAME_MAX], right[TYPE_NAME_MAX];
    if (!at || op > OP_DIVMOD || mpb_g_read(mem(h), at, t, sizeof t) || mpb_g_read(mem(h), va, w, sizeof w) ||
        mpb_g_cstr(mem(h), w[1], left, sizeof left) < 0 || mpb_g_cstr(mem(h), w[2], right, sizeof right) < 0)
        return fmt;
    uint32_t sym = t[E_SYMBOLS + op], out[3] = {sym, w[1], w[2]}, text;
    char s0 = 0;
    if (!sym || mpb_g_read(mem(h), sym, &s0, 1) || !s0)
        return fmt;
    if ((op == OP_ADD || op == OP_INPLACE_ADD) && strcmp(left, right) != 0 &&
        (!strcmp(left, "str") || !strcmp(left, "list") || !strcmp(left, "tuple"))) {
        text = t[E_CONCAT]; /* can only concatenate str (not "int") to str */
        out[0] = w[1], out[1] = w[2], out[2] = w[1];
    } else if ((op == OP_MULTIPLY || op == OP_INPLACE_MULTIPLY) && (is_sequence(left) || is_sequence(right)) &&
               strcmp(is_sequence(left) ? right : left, "int") != 0 && strcmp(is_sequence(left) ? right : left, "bool") != 0) {
        /* can't multiply sequence by non-int of type 'str' (a sequence the
         * guest cannot repeat, bytearray * int, keeps the plain text) */
        text = t[E_SEQ_MUL];
        out[0] = is_sequence(left) ? w[2] : w[1];
    } else if (op <= OP_MORE_EQUAL) { /* the comparisons, from OP_LESS = 0 */
        text = t[E_COMPARE];
    } else {
        text = t[E_UNSUPPORTED];
    }
    if (!text || mpb_g_write(mem(h), va, out, sizeof out))
        return fmt;
    return text;
}
