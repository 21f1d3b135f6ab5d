/*
 * session.c — sessions: created from the runtime's start-up image, running
 * source in the guest, turning what happened into a result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "gmem.h"

/* The most exception text kept from the guest (a traceback of a deep
 * recursion can be long; the rest is cut). */
#define MAX_EXCEPTION_TEXT (1u << 20)

static mpbox_session *session_of(mpb_host *h)
{
    return (mpbox_session *)((char *)h - offsetof(mpbox_session, host));
}

static void on_output_overflow(mpb_host *h)
{
    mpb_watchdog_request_stop(session_of(h), MPB_STOP_OUTPUT);
}

static void on_oom(mpb_host *h)
{
    mpb_watchdog_oom(session_of(h));
}

static void on_collected(mpb_host *h)
{
    mpb_watchdog_alive(session_of(h));
}

static uint32_t cap_pages(int64_t bytes)
{
    uint64_t pages = (uint64_t)bytes / MPB_WASM_PAGE;
    return pages > 32768u ? 32768u : (uint32_t)pages;
}

static void host_init(mpbox_session *s)
{
    mpbox_runtime *rt = s->rt;
    mpb_host *h = &s->host;
    h->inst = &s->inst;
    memcpy(h->sigs, rt->sigs, sizeof h->sigs);
    h->request_stop = on_output_overflow;
    h->on_oom = on_oom;
    h->on_collected = on_collected;
    h->gc_area = rt->gc_area_addr;
    h->vfs.limits = s->limits; /* file quotas */
    mpb_hostfn_host_init(h);
    clock_gettime(CLOCK_MONOTONIC, &h->epoch);
    for (int i = 0; i < MPBOX_LIMIT_COUNT_; i++)
        s->limits[i] = atomic_load(&rt->limits[i]);
    h->deterministic = s->limits[MPBOX_LIMIT_DETERMINISTIC] != 0;
    if (h->deterministic)
        mpb_host_seed(h, (uint64_t)s->limits[MPBOX_LIMIT_SEED]);
    else /* the runtime's random seed and a session number */
        mpb_host_seed(h, rt->seed + 0x9e3779b97f4a7c15ull * (atomic_fetch_add(&rt->session_counter, 1) + 1));
}

int mpb_session_create(mpbox_runtime *rt, mpbox_session **out, int from_image)
{
    *out = NULL;
    mpbox_session *s = calloc(1, sizeof *s);
    if (!s)
        return MPBOX_NOMEM;
    s->rt = rt;
    host_init(s);
    if (mpb_hostfn_session_init(s) != MPBOX_OK) {
        mpb_hostreg_free(&s->host_reg);
        free(s);
        return MPBOX_NOMEM;
    }
    if (!from_image) {
        *out = s; /* the caller instantiates (startup.c) */
        return MPBOX_OK;
    }
    uint8_t *base = mpb_pool_take(rt);
    wasm_rt_funcref_t *table = malloc(sizeof *table * (rt->table_size ? rt->table_size : 1));
    if (!base || !table) {
        mpb_pool_give(rt, base, rt->image_pages);
        free(table);
        mpb_hostreg_free(&s->host_reg);
        free(s);
        return base ? MPBOX_NOMEM : MPBOX_ERROR;
    }
    memcpy(table, rt->image_table, sizeof *table * rt->table_size);
    for (uint32_t i = 0; i < rt->table_size; i++)
        if (table[i].func)
            table[i].module_instance = &s->inst;
    s->inst = rt->image_inst;
    s->inst.Z_env_instance = (struct Z_env_instance_t *)&s->host;
    s->inst.Z_wasi_snapshot_preview1_instance = (struct Z_wasi_snapshot_preview1_instance_t *)&s->host;
    s->inst.w2c_memory.data = base;
    s->inst.w2c_memory.pages = rt->image_pages;
    s->inst.w2c_memory.size = rt->image_pages * MPB_WASM_PAGE;
    s->inst.w2c_memory.max_pages = cap_pages(s->limits[MPBOX_LIMIT_MEMORY]);
    s->inst.w2c___indirect_function_table.data = table;
    s->inst.w2c___indirect_function_table.size = rt->table_size;
    s->inst.w2c___indirect_function_table.max_size = rt->table_max;
    s->pristine = 1;
    *out = s;
    return MPBOX_OK;
}

int mpbox_session_new(mpbox_runtime *rt, mpbox_session **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!rt)
        return MPBOX_MISUSE;
    return mpb_session_create(rt, out, 1);
}

void mpbox_session_free(mpbox_session *s)
{
    if (!s)
        return;
    if (mpb_track_release(&s->track) != 0) {
        /* cannot make it writable again: do not recycle it */
        mpb_rt_unreserve(s->inst.w2c_memory.data);
        s->inst.w2c_memory.data = NULL;
    }
    mpb_track_free(&s->track);
    mpb_pool_give(s->rt, s->inst.w2c_memory.data, s->inst.w2c_memory.pages);
    free(s->inst.w2c___indirect_function_table.data);
    mpb_capture_free(&s->host.out[0]);
    mpb_capture_free(&s->host.out[1]);
    mpb_vfs_free(&s->host.vfs);
    mpb_hostreg_free(&s->host_reg);
    free(s);
}

int mpb_limit_invalid(int id, int64_t value)
{
    switch (id) {
    case MPBOX_LIMIT_MEMORY:
        return value < (int64_t)MPBOX_MIN_MEMORY || value > (int64_t)MPBOX_MAX_MEMORY;
    case MPBOX_LIMIT_OUTPUT_STOP:
    case MPBOX_LIMIT_ROLLBACK:
    case MPBOX_LIMIT_DETERMINISTIC:
        return value > 1;
    case MPBOX_LIMIT_FUEL:
        return !mpbox_has_fuel() && value != 0;
    case MPBOX_LIMIT_TIMEOUT_MS:
    case MPBOX_LIMIT_GRACE_MS:
        return value > MPBOX_MAX_TIMEOUT_MS; /* ns arithmetic must not wrap */
    case MPBOX_LIMIT_HOST_DEPTH:
        return value > MPB_JSON_MAX_DEPTH;
    case MPBOX_LIMIT_HOST_ARG_BYTES:
        return value > UINT32_MAX / 2; /* a guest str is shorter anyway */
    default:
        return 0;
    }
}

int mpbox_has_fuel(void)
{
#if MPBOX_FUEL
    return 1;
#else
    return 0;
#endif
}

int64_t mpbox_session_limit(mpbox_session *s, int id, int64_t value)
{
    if (!s || id < 0 || id >= MPBOX_LIMIT_COUNT_)
        return -1;
    int64_t old = s->limits[id];
    if (value < 0)
        return old;
    if (mpb_limit_invalid(id, value))
        return -1;
    s->limits[id] = value;
    if (id == MPBOX_LIMIT_MEMORY)
        s->inst.w2c_memory.max_pages = cap_pages(value);
    if (id == MPBOX_LIMIT_DETERMINISTIC)
        s->host.deterministic = value != 0;
    if ((id == MPBOX_LIMIT_DETERMINISTIC || id == MPBOX_LIMIT_SEED) && s->limits[MPBOX_LIMIT_DETERMINISTIC]) {
        mpb_host_seed(&s->host, (uint64_t)s->limits[MPBOX_LIMIT_SEED]);
        s->host.virtual_ms = 0;
    }
    return old;
}

int mpbox_session_is_lost(const mpbox_session *s)
{
    return !s || s->lost;
}

void mpbox_session_set_output(mpbox_session *s, mpbox_output_fn fn, void *user)
{
    if (!s)
        return;
    s->host.output_fn = fn;
    s->host.output_user = user;
}

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
    if (mpb_watchdog_arm(s, &call) != 0) {
        h->call = NULL;
        return MPB_TRAP_HOST_NOMEM;
    }
    /* Collections scan the native stack up to here: every guest frame of
     * the run lies below (host/gc.c). A nested exec keeps the outer top. */
    uintptr_t outer_top = h->gc_stack_top;
    if (!outer_top)
        h->gc_stack_top = (uintptr_t)__builtin_frame_address(0);
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
        h->gc_busy = 0;
        mpb_guest_set_fuel(s, h->gc_fuel);
    }
    h->call = NULL;
    h->jmp_top = NULL;
    return trap;
}

/* Source rewriting (lib/python/_mpbox_rewrite.py) for syntax CPython has
 * and MicroPython's compiler refuses (match, unpacking inside displays) or
 * reads differently (the f-string '=' specifier, which MicroPython prints
 * with str() instead of repr()). A program goes through it when it may hold
 * such an f-string, or when MicroPython's compiler refused it: nothing of
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
    return res->error_type && strcmp(res->error_type, "ImportError") == 0 && res->traceback &&
           strstr(res->traceback, "'_mpbox_rewrite'");
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
        if (may_hold_fstring_debug(src, len)) {
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
 * js.mpbox_call("@source"): MicroPython keeps neither class annotations nor
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

static void clear_stale_interrupt(mpbox_session *s)
{
    uint32_t addr = s->rt->kbd_pending_addr;
    if (addr && mpb_g_ok(&s->inst.w2c_memory, addr, 4))
        mpb_g_put_u32(&s->inst.w2c_memory, addr, 0);
}

/* The status of a run the host asked to stop (a hard stop without a
 * recorded reason came from the timeout). */
static mpbox_status stop_status(int reason)
{
    if (reason == MPB_STOP_OUTPUT)
        return MPBOX_STATUS_OUTPUT_TRUNCATED;
    if (reason == MPB_STOP_USER)
        return MPBOX_STATUS_INTERRUPTED;
    return MPBOX_STATUS_TIMEOUT;
}

static mpbox_status status_of(mpbox_session *s, mpbox_result *r, int trap)
{
    int reason = s->stop_reason;
    if (trap == MPB_TRAP_HARD_STOP) /* e.g. stuck in nlr_jump_fail after OOM */
        return s->host.oom ? MPBOX_STATUS_OUT_OF_MEMORY : stop_status(reason);
    if (trap)
        return trap == MPB_TRAP_OUT_OF_FUEL ? MPBOX_STATUS_OUT_OF_FUEL : MPBOX_STATUS_TRAP;
    /* a MemoryError ended the run, whatever else was asked meanwhile */
    if (r->error_type && strcmp(r->error_type, "MemoryError") == 0)
        return MPBOX_STATUS_OUT_OF_MEMORY;
    if (reason != MPB_STOP_NONE)
        return stop_status(reason);
    if (!r->error_type)
        return MPBOX_STATUS_OK;
    if (r->has_exit)
        return r->exit_code == 0 ? MPBOX_STATUS_OK : MPBOX_STATUS_ERROR;
    return MPBOX_STATUS_ERROR;
}

/* Remember the session's state before a run: globals and host state are
 * copied, memory pages are saved as they are first written (rt/track.c).
 * Returns 1 when a checkpoint is in place, 0 when none (rollback off, or it
 * could not be set up), -1 when the memory could not be made writable. */
static int checkpoint(mpbox_session *s)
{
    s->ckpt_valid = 0;
    if (!s->limits[MPBOX_LIMIT_ROLLBACK]) {
        /* was on before: the memory must be fully writable again */
        if (s->track.base && mpb_track_release(&s->track) != 0)
            return -1;
        return 0;
    }
    const mpbox_runtime *rt = s->rt;
    s->ckpt_inst = s->inst;
    mpb_vfs_arm(&s->host.vfs); /* files: saved lazily on their first change */
    s->ckpt_virtual_ms = s->host.virtual_ms;
    memcpy(s->ckpt_rng, s->host.rng, sizeof s->ckpt_rng);
    if (s->pristine) {
        /* Nothing to save: rolling back means going back to the image.
         * One-shot sessions never pay for tracking. */
        s->ckpt_valid = 1;
        return 1;
    }
    /* pages the watchdog may write from its own thread */
    uint32_t hot[] = {rt->kbd_pending_addr, rt->sched_state_addr, rt->kbd_exc_addr, rt->kbd_exc_addr + 12};
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    if (mpb_track_begin(&s->track, m->data, (size_t)m->pages * MPB_WASM_PAGE, hot, 4) != 0)
        return mpb_track_release(&s->track) == 0 ? 0 : -1;
    s->ckpt_valid = 1;
    return 1;
}

/* Put the session back to its checkpoint. Returns 0, or -1 when that
 * failed (the session must then be considered lost). */
static int roll_back(mpbox_session *s)
{
    wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t pages_now = m->pages, pages_then = s->ckpt_inst.w2c_memory.pages;
    if (s->pristine) {
        if (mpb_image_restore(s->rt, m->data, pages_now, 1) != 1)
            return -1;
    } else {
        if (mpb_track_end(&s->track, 1) != 0)
            return -1;
        if (pages_now > pages_then &&
            mpb_rt_reset(m->data + (size_t)pages_then * MPB_WASM_PAGE, 0, pages_now - pages_then) != 0)
            return -1;
    }
    uint32_t max_pages = m->max_pages;
    s->inst = s->ckpt_inst;
    s->inst.w2c_memory.max_pages = max_pages;
    mpb_vfs_rollback(&s->host.vfs);
    s->host.virtual_ms = s->ckpt_virtual_ms;
    memcpy(s->host.rng, s->ckpt_rng, sizeof s->ckpt_rng);
    return 0;
}

/* C code that recurses without MicroPython's check (comparing dicts nested
 * tens of thousands deep, for example) can run the stack pointer past the
 * block's bottom into the heap below, where the build's own stack would
 * have trapped (below address 0). No write into the block's lowest
 * STACK_GUARD_BYTES is legitimate (they lie deep in the slack, and are
 * zero in the image): a run that left them non-zero overflowed. */
#define STACK_GUARD_BYTES 4096u

static int stack_overflowed(const mpbox_session *s)
{
    const wasm_rt_memory_t *m = &s->inst.w2c_memory;
    uint32_t bottom = s->rt->image_inst.w2c_g2; /* not the guest's copy */
    const uint8_t *p = mpb_g_span(m, bottom, STACK_GUARD_BYTES);
    if (!p)
        return 1;
    for (uint32_t i = 0; i < STACK_GUARD_BYTES; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w)
            return 1;
    }
    return 0;
}

/* Runs that end like this are undone when a checkpoint exists: the guest
 * was stopped at an arbitrary point (hard stop, trap), or its heap is full
 * (MemoryError), which would make later runs fail too. */
static int needs_rollback(const mpbox_result *r, int trap)
{
    return trap || r->status == MPBOX_STATUS_OUT_OF_MEMORY;
}

int mpbox_run_ex(mpbox_session *s, const char *src, size_t len, unsigned flags, mpbox_result **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    if (!s || (!src && len))
        return MPBOX_MISUSE;
    if (len > UINT32_MAX / 2 - 64)
        return MPBOX_MISUSE;
    if (s->lost)
        return MPBOX_LOST;
    if (atomic_exchange(&s->busy, 1))
        return MPBOX_BUSY;
    mpbox_result *r = mpb_result_new();
    if (!r) {
        atomic_store(&s->busy, 0);
        return MPBOX_NOMEM;
    }
    mpb_host *h = &s->host;
    mpb_capture_reset(&h->out[0], (uint64_t)s->limits[MPBOX_LIMIT_STDOUT]);
    mpb_capture_reset(&h->out[1], (uint64_t)s->limits[MPBOX_LIMIT_STDERR]);
    h->output_stop = s->limits[MPBOX_LIMIT_OUTPUT_STOP] != 0;
    h->output_overflowed = 0;
    h->oom = 0;
    h->gc_collections = 0;
    h->gc_grow = 0;
    h->host_arg_cap = (uint64_t)s->limits[MPBOX_LIMIT_HOST_ARG_BYTES];
    h->host_calls = h->host_ns = 0;
    free(h->retval);
    h->retval = NULL;
    h->retval_len = 0;
    h->retval_cap = (uint64_t)s->limits[MPBOX_LIMIT_STDOUT];
    s->stop_reason = MPB_STOP_NONE;
    h->vfs.work = 0; /* put_file between runs is not the guest's work */

    uint64_t t0 = mpb_now_ns();
    int have_checkpoint = checkpoint(s);
    if (have_checkpoint < 0) {
        /* memory left read-only and cannot be fixed: nothing can run */
        s->lost = 1;
        atomic_store(&s->busy, 0);
        mpbox_result_free(r);
        return MPBOX_ERROR;
    }
    int64_t fuel = s->limits[MPBOX_LIMIT_FUEL] > 0 ? s->limits[MPBOX_LIMIT_FUEL] : INT64_MAX;
    mpb_guest_set_fuel(s, fuel);
    double cpu0 = mpb_thread_cpu_ms();
    int trap = mpb_hostfn_bind(s); /* names registered since the last run */
    if (!trap)
        trap = mpb_session_exec(s, src ? src : "", len, r, flags);
    if (!trap && stack_overflowed(s))
        trap = MPB_TRAP_EXHAUSTION; /* a trap, so that the run is undone */
    r->cpu_ms = mpb_thread_cpu_ms() - cpu0;
    r->host_ms = (double)h->host_ns / 1e6;
    r->host_calls = h->host_calls;
    /* unsigned: a host charge may leave the counter far below zero */
    r->fuel_used = mpbox_has_fuel() ? (uint64_t)fuel - (uint64_t)mpb_guest_fuel(s) : 0;
    int trap_lost = trap != 0;
    r->wall_ms = (double)(mpb_now_ns() - t0) / 1e6;
    r->checkpoint_pages = have_checkpoint ? mpb_track_pages(&s->track) : 0;

    for (int i = 0; i < 2; i++) {
        mpb_capture *c = &h->out[i];
        r->out_len[i] = c->len;
        r->out_truncated[i] = c->truncated;
        r->out_attempted[i] = c->attempted;
        r->out[i] = c->data; /* the result takes the buffer */
        c->data = NULL;
        c->len = c->alloc = 0;
    }
    r->peak_memory = (uint64_t)s->inst.w2c_memory.pages * MPB_WASM_PAGE;
    r->status = status_of(s, r, trap);
    r->session_state = MPBOX_SESSION_KEPT;
    if (have_checkpoint && needs_rollback(r, trap)) {
        if (roll_back(s) == 0) {
            r->session_state = MPBOX_SESSION_ROLLED_BACK;
            trap_lost = 0;
            s->host_unbound = s->host_reg.nfns > 0; /* bind again */
        }
    } else if (have_checkpoint) {
        if (mpb_track_end(&s->track, 0) != 0)
            trap_lost = 1; /* memory left read-only: unusable */
        s->pristine = 0;
    } else {
        s->pristine = 0;
    }
    mpb_vfs_commit(&s->host.vfs); /* drop what a kept run saved */
    clear_stale_interrupt(s);
    int our_interrupt = r->status == MPBOX_STATUS_OUTPUT_TRUNCATED && r->error_type &&
                        strcmp(r->error_type, "KeyboardInterrupt") == 0;
    if ((r->status == MPBOX_STATUS_OK && r->has_exit) || our_interrupt) {
        /* sys.exit(0) is a success, not an error to report; and the
         * KeyboardInterrupt that stopped a run at the output cap is ours */
        free(r->error_type);
        free(r->error_message);
        free(r->traceback);
        r->error_type = r->error_message = r->traceback = NULL;
    }
    if (r->status == MPBOX_STATUS_ERROR && !r->has_exit)
        r->hint = mpb_hint_for(r->error_type, r->error_message, r->traceback, src, len);
    if (r->status == MPBOX_STATUS_OK && !r->error_type && !r->has_exit)
        r->return_value = h->retval; /* the result takes it */
    else
        free(h->retval);
    h->retval = NULL;
    h->retval_len = 0;
    if (trap)
        r->trap_reason = mpb_trap_reason(trap);
    if (trap_lost) {
        r->session_state = MPBOX_SESSION_LOST;
        r->lost = 1;
        s->lost = 1;
    }
    atomic_store(&s->busy, 0);
    *out = r;
    return MPBOX_OK;
}

int mpbox_run(mpbox_session *s, const char *src, size_t len, mpbox_result **out)
{
    return mpbox_run_ex(s, src, len, 0, out);
}

int mpbox_run_once(mpbox_runtime *rt, const char *src, size_t len, mpbox_result **out)
{
    if (!out)
        return MPBOX_MISUSE;
    *out = NULL;
    mpbox_session *s;
    int rc = mpbox_session_new(rt, &s);
    if (rc != MPBOX_OK)
        return rc;
    rc = mpbox_run(s, src, len, out);
    mpbox_session_free(s);
    return rc;
}
