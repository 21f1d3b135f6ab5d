/*
 * exec.c — source into the guest: the wrappers that give interactive and
 * return-value runs their meaning, source rewriting for syntax MicroPython
 * refuses, and the exec itself inside a guest call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "gmem.h"

/* The most exception text kept from the guest (a traceback of a deep
 * recursion can be long; the rest is cut). */
#define MAX_EXCEPTION_TEXT (1u << 20)

/* Copy bytes into a fresh guest allocation; 0 when the guest is out of
 * memory. Runs inside a guest call. */
static uint32_t guest_dup(mpbox_session *s, const void *data, size_t len)
{
    uint32_t p = mpb_guest_malloc(s, (uint32_t)len);
    if (p && mpb_g_write(&s->inst.w2c_memory, p, data, len) != 0)
        mpb_rt_trap(s->host.call, MPB_TRAP_OOB); /* malloc returned nonsense */
    return p;
}

/* Interactive mode: compile the input as a 'single' statement so that
 * expression values are printed, through a helper installed in builtins
 * by the start-up image. The source travels as hex: no quoting to get
 * wrong. */
/* head + the source as hex digits + tail, as one malloc'd string. */
static char *hex_call(const char *head, const char *src, size_t len, const char *tail, size_t *out_len)
{
    size_t hn = strlen(head), tn = strlen(tail);
    size_t n = hn + 2 * len + tn;
    char *w = malloc(n + 1);
    if (!w)
        return NULL;
    char *p = w;
    memcpy(p, head, hn);
    p += hn;
    for (size_t i = 0; i < len; i++) {
        static const char hex[] = "0123456789abcdef";
        *p++ = hex[(unsigned char)src[i] >> 4];
        *p++ = hex[(unsigned char)src[i] & 15];
    }
    memcpy(p, tail, tn + 1);
    *out_len = n;
    return w;
}

static char *echo_wrapper(const char *src, size_t len, size_t *out_len)
{
    return hex_call("__mpbox_single(bytes.fromhex('", src, len, "').decode())", out_len);
}

/* Where the last top-level statement of src starts: a line that begins
 * outside any string, bracket or backslash continuation, with neither
 * indentation nor a comment. Returns 1 and its offset and 0-based line, or
 * 0 when there is none. A compound statement's `else:`/`except:` line
 * counts too: the guest then finds no expression and runs src whole. */
static int last_statement(const char *src, size_t len, size_t *off, size_t *line)
{
    int depth = 0, found = 0, cont = 0, str_cont = 0;
    char quote = 0;    /* open string's quote character */
    int triple = 0;    /* ...and whether it is a triple-quoted one */
    size_t ln = 0;
    for (size_t i = 0; i < len;) {
        /* i is at the start of a line */
        if (quote && !triple && !str_cont)
            quote = 0; /* unterminated: the compiler will say so */
        str_cont = 0;
        if (!quote && depth == 0 && !cont) {
            char c = src[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '#' && c != '\f') {
                *off = i;
                *line = ln;
                found = 1;
            }
        }
        cont = 0;
        while (i < len && src[i] != '\n') {
            char c = src[i];
            if (quote) {
                if (c == '\\') {
                    if (i + 1 < len && src[i + 1] == '\n') {
                        str_cont = 1; /* escaped newline: the string goes on */
                        i++;
                        break;
                    }
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    if (!triple) {
                        quote = 0;
                    } else if (i + 2 < len && src[i + 1] == quote && src[i + 2] == quote) {
                        quote = 0;
                        i += 2;
                    }
                }
                i++;
                continue;
            }
            if (c == '#') {
                while (i < len && src[i] != '\n')
                    i++;
                break;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                triple = i + 2 < len && src[i + 1] == c && src[i + 2] == c;
                i += triple ? 3 : 1;
                continue;
            }
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
            else if (c == '\\' && (i + 1 == len || src[i + 1] == '\n' ||
                                    (src[i + 1] == '\r' && i + 2 < len && src[i + 2] == '\n')))
                cont = 1;
            i++;
        }
        if (i < len) {
            i++; /* the newline */
            ln++;
        }
    }
    return found;
}

/* MPBOX_RUN_RETURN_VALUE: __mpbox_last(bytes.fromhex('...'), off, line),
 * a helper installed by the start-up image (lib/python/_mpbox_startup.py); NULL when out
 * of memory, and *plain set when src has no statement to evaluate. */
static char *last_wrapper(const char *src, size_t len, size_t *out_len, int *plain)
{
    size_t off, line;
    *plain = !last_statement(src, len, &off, &line);
    if (*plain)
        return NULL;
    char tail[64];
    snprintf(tail, sizeof tail, "'), %zu, %zu)", off, line);
    return hex_call("__mpbox_last(bytes.fromhex('", src, len, tail, out_len);
}

/* Inside the guest: copy the source in, execute it, collect the outcome.
 * Nothing set before MPB_RT_TRY changes after it (siglongjmp clobbers). */
static int guest_exec(mpbox_session *s, const char *src, size_t len, mpbox_result *res, int echo)
{
    mpb_host *h = &s->host;
    mpb_rt_call call;
    h->call = &call;
    h->jmp_top = NULL;
    h->print_guard = NULL;
    if (mpb_watchdog_arm(s, &call) != 0) {
        h->call = NULL;
        return MPB_TRAP_HOST_NOMEM;
    }
    /* Collections scan the native stack up to here: every guest frame of
     * the run lies below (host/gc.c). A nested exec keeps the outer top. */
    uintptr_t outer_top = h->gc_stack_top;
    if (!outer_top) {
        h->gc_stack_top = (uintptr_t)__builtin_frame_address(0);
        h->exc_frames = 0; /* none left by a run that trapped */
        h->inst->w2c_mpbox_repr_head = 0; /* nor a list print (guest/reprcycle) */
    }
    int trap = MPB_RT_TRY(&call, s->inst.w2c_memory.data);
    if (trap == 0) {
        call.track = s->track.active ? &s->track : NULL;
        uint32_t code = guest_dup(s, src, len);
        uint32_t slot = 0;
        if (code)
            slot = mpb_guest_malloc(s, 12);
        if (!code || !slot) {
            h->oom = 1;
            static const char nomem[] = "MemoryError\x04MemoryError: no memory for the source\n";
            mpb_result_set_exception(res, nomem, sizeof nomem - 1, 0);
        } else {
            mpb_guest_exec(s, code, (uint32_t)len, slot);
            uint32_t v[3];
            if (mpb_g_read(&s->inst.w2c_memory, slot, v, sizeof v) != 0)
                mpb_rt_trap(&call, MPB_TRAP_OOB);
            if ((int32_t)v[0] == -1) {
                uint32_t n = v[1] < MAX_EXCEPTION_TEXT ? v[1] : MAX_EXCEPTION_TEXT;
                if (!mpb_g_ok(&s->inst.w2c_memory, v[2], n))
                    n = 0;
                mpb_result_set_exception(res, (const char *)s->inst.w2c_memory.data + v[2], n, echo);
                mpb_guest_free(s, v[2]);
            } else if (v[0] >= 6 && v[0] <= 8) {
                mpb_guest_release_object(s, v[1]);
            }
        }
        if (code)
            mpb_guest_free(s, code);
        if (slot)
            mpb_guest_free(s, slot);
    }
    mpb_rt_leave(&call);
    mpb_watchdog_disarm(s);
    h->gc_stack_top = outer_top;
    if (h->gc_busy) { /* trapped inside a collection: give fuel back its count */
        mpb_gc_interrupted(h);
        mpb_guest_set_fuel(s, h->gc_fuel);
    }
    h->call = NULL;
    h->jmp_top = NULL;
    h->print_guard = NULL;
    return trap;
}

/* Source rewriting (lib/python/_mpbox_rewrite.py) for syntax CPython has
 * and MicroPython's compiler refuses (match, unpacking inside displays) or
 * reads differently (the f-string '=' specifier, which MicroPython prints
 * with str() instead of repr(); OrderedDict({...}); docstrings, which it
 * drops). A program goes through it when it may hold such an f-string or
 * call or read a docstring, or when MicroPython's compiler refused it: nothing of
 * the program ran then, so running it again rewritten is safe. */

/* An '=' that ends an f-string expression ("{x=}", "{x = !r}", "{x=:.2f}"):
 * in ordinary code '=' is never followed by '}', '!' or ':' (comparisons
 * and ':=' are excluded), so a false alarm only costs the rewriter's time. */
static int may_hold_fstring_debug(const char *src, size_t len)
{
    int fstring = 0;
    for (size_t i = 0; i + 1 < len && !fstring; i++)
        fstring = (src[i] == 'f' || src[i] == 'F') && (src[i + 1] == '"' || src[i + 1] == '\'');
    if (!fstring)
        return 0;
    for (size_t i = 1; i + 1 < len; i++) {
        if (src[i] != '=' || strchr("=!<>:", src[i - 1]) || src[i + 1] == '=')
            continue;
        size_t j = i + 1;
        while (j < len && src[j] == ' ')
            j++;
        if (j < len && (src[j] == '}' || src[j] == '!' || src[j] == ':'))
            return 1;
    }
    return 0;
}

/* "OrderedDict({": MicroPython's compiler reads OrderedDict({...}) as a
 * call without arguments whose result the items are stored into as into a
 * dict, which collections.OrderedDict (a class of the library) is not; the
 * rewriter adds a comma after the display. */
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\\'; }

static int may_hold_ordereddict_display(const char *src, size_t len)
{
    static const char name[] = "OrderedDict";
    const size_t n = sizeof name - 1;
    for (size_t i = 0; i + n < len; i++) {
        if (src[i] != 'O' || memcmp(src + i, name, n) != 0)
            continue;
        size_t j = i + n;
        while (j < len && is_blank(src[j]))
            j++;
        if (j >= len || src[j++] != '(')
            continue;
        while (j < len && is_blank(src[j]))
            j++;
        if (j < len && src[j] == '{')
            return 1;
    }
    return 0;
}

/* "__doc__", "help(" or "getdoc(" (inspect's): MicroPython's compiler
 * drops docstrings; the rewriter keeps them for a program that reads them. */
static int may_read_docstrings(const char *src, size_t len)
{
    return memmem(src, len, "__doc__", 7) || memmem(src, len, "help(", 5) || memmem(src, len, "getdoc(", 7);
}

/* MicroPython's compiler refused the program itself: a SyntaxError whose
 * traceback has one frame, in "<stdin>" (one raised at run time by exec(),
 * compile() or an import has the program's frame and then the refused
 * text's). */
static int refused_by_compiler(const mpbox_result *res)
{
    if (!res->error_type || strcmp(res->error_type, "SyntaxError") != 0 || !res->traceback)
        return 0;
    static const char stdin_frame[] = "\n  File \"<stdin>\"";
    const char *frame = strstr(res->traceback, "\n  File ");
    return frame && strncmp(frame, stdin_frame, sizeof stdin_frame - 1) == 0 && !strstr(frame + 1, "\n  File ");
}

/* The exception fields of a result, set aside while the program runs
 * again rewritten. */
typedef struct {
    char *type, *message, *traceback;
} saved_exception;

static saved_exception take_exception(mpbox_result *res)
{
    saved_exception e = {res->error_type, res->error_message, res->traceback};
    res->error_type = res->error_message = res->traceback = NULL;
    return e;
}

static void put_exception(mpbox_result *res, saved_exception *e)
{
    free(res->error_type);
    free(res->error_message);
    free(res->traceback);
    res->error_type = e->type;
    res->error_message = e->message;
    res->traceback = e->traceback;
    e->type = e->message = e->traceback = NULL;
}

static void drop_exception(saved_exception *e)
{
    free(e->type);
    free(e->message);
    free(e->traceback);
}

/* The rewriter could not be imported (a program that took the library off
 * sys.path): nothing of the program ran. */
static int rewriter_missing(const mpbox_result *res)
{
    return res->error_type &&
           (strcmp(res->error_type, "ModuleNotFoundError") == 0 || strcmp(res->error_type, "ImportError") == 0) &&
           res->traceback && strstr(res->traceback, "'_mpbox_rewrite'");
}

/* __import__('_mpbox_rewrite').run(src, globals()[, line]): line is the
 * 0-based line of the last top-level statement for MPBOX_RUN_RETURN_VALUE
 * (rewriting keeps every statement on its line), -1 otherwise. */
static int exec_rewritten(mpbox_session *s, const char *src, size_t len, mpbox_result *res, long line)
{
    char tail[48];
    snprintf(tail, sizeof tail, "'), globals(), %ld)", line);
    size_t wlen;
    char *wrapped = hex_call("__import__('_mpbox_rewrite').run(bytes.fromhex('", src, len, tail, &wlen);
    if (!wrapped)
        return MPB_TRAP_HOST_NOMEM;
    int trap = guest_exec(s, wrapped, wlen, res, 1);
    free(wrapped);
    return trap;
}

/* Everything that happens inside the guest for one run. Returns 0, or a
 * trap code. */
static int exec_program(mpbox_session *s, const char *src, size_t len, mpbox_result *res, unsigned flags)
{
    size_t wlen;
    char *wrapped;
    long line = -1;
    if (flags & MPBOX_RUN_ECHO) {
        wrapped = echo_wrapper(src, len, &wlen);
    } else {
        int plain = 1;
        wrapped = NULL;
        if (flags & MPBOX_RUN_RETURN_VALUE) {
            size_t off, ln;
            if (last_statement(src, len, &off, &ln))
                line = (long)ln;
            wrapped = last_wrapper(src, len, &wlen, &plain);
            if (!plain && !wrapped)
                return MPB_TRAP_HOST_NOMEM;
        }
        int trap;
        if (may_hold_fstring_debug(src, len) || may_hold_ordereddict_display(src, len) ||
            may_read_docstrings(src, len)) {
            trap = exec_rewritten(s, src, len, res, line);
            if (trap || !rewriter_missing(res)) {
                free(wrapped);
                return trap;
            }
            saved_exception gone = take_exception(res);
            drop_exception(&gone);
        }
        trap = plain ? guest_exec(s, src, len, res, 0) : guest_exec(s, wrapped, wlen, res, 1);
        free(wrapped);
        if (trap == 0 && refused_by_compiler(res)) {
            saved_exception refused = take_exception(res);
            trap = exec_rewritten(s, src, len, res, line);
            if (trap == 0 && rewriter_missing(res))
                put_exception(res, &refused);
            drop_exception(&refused);
        }
        return trap;
    }
    if (!wrapped)
        return MPB_TRAP_HOST_NOMEM;
    int trap = guest_exec(s, wrapped, wlen, res, 1);
    free(wrapped);
    return trap;
}

/* The program text stays readable by the guest during the run, as
 * js.mpbox_internal("source", ""): MicroPython keeps neither class annotations nor
 * the order of class attributes, and lib/python/_classbody.py reads them
 * from the text for dataclasses, enums and class-form NamedTuple. */
int mpb_session_exec(mpbox_session *s, const char *src, size_t len, mpbox_result *res, unsigned flags)
{
    const char *outer = s->host.program; /* a nested exec (host-function binding) */
    size_t outer_len = s->host.program_len;
    s->host.program = src;
    s->host.program_len = len;
    int trap = exec_program(s, src, len, res, flags);
    s->host.program = outer;
    s->host.program_len = outer_len;
    return trap;
}
