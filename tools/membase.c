/* membase — keep the guest memory's base address in a local of each
 * translated function.
 *
 *   membase GUEST.c
 *
 * wasm2c turns every load and store into a call such as
 *
 *     i32_load(&instance->w2c_memory, addr)
 *
 * whose body reads instance->w2c_memory.data and then the guest byte. A
 * store into guest memory is a byte copy, which in C may change any object,
 * the instance's `data` field included, so after every store gcc reads the
 * field again before the next access: one extra load on the critical path
 * of most guest memory accesses (the interpreter loop stores the bytecode
 * pointer on every iteration, for one).
 *
 * Our runtime never moves a guest memory: rt/memory.c reserves the whole
 * address range when the memory is made and grows it in place, so `data`
 * is the same from the memory's allocation to its release, and no guest
 * function runs outside that span. This tool therefore rewrites GUEST.c
 * (in place) so that each function that touches memory reads `data` once,
 * at entry, into a local, and its loads and stores take that base:
 *
 *     u8* const mpbox_membase = instance->w2c_memory.data;
 *     ... i32_load_at(mpbox_membase, addr) ...
 *
 * The *_at accessors are defined next to wasm2c's own, one per accessor it
 * defined (same types), and like them copy the bytes and keep a loaded
 * value in a register, so that an out-of-bounds access still faults in the
 * guard region. Memory growth, bulk copy and fill, and the module's set-up
 * keep going through the memory structure.
 *
 * The rewrite is textual and strict: a function is a line at column 0 that
 * takes `Z_micropython_instance_t* instance` and ends with ") {", up to the
 * next line that is exactly "}". If a load or store through
 * &instance->w2c_memory remains anywhere after the rewrite, or wasm2c's
 * accessor definitions are not where expected, the tool fails and leaves
 * GUEST.c as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ACCESSORS 64
#define BASE "mpbox_membase"
#define MEM_ARG "(&instance->w2c_memory, "

static char *accessor[MAX_ACCESSORS]; /* i32_load, i64_store8, ... */
static size_t naccessors;

static void fail(const char *what)
{
    fprintf(stderr, "membase: %s\n", what);
    exit(1);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail("cannot open the input");
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    if (!buf || ferror(f))
        fail("cannot read the input");
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* The name in "DEFINE_LOAD(name, ...)" at the start of line, or NULL. */
static char *defined_accessor(const char *line, const char *macro)
{
    size_t m = strlen(macro);
    if (strncmp(line, macro, m) != 0)
        return NULL;
    const char *end = strchr(line + m, ',');
    if (!end)
        fail("unexpected accessor definition");
    return strndup(line + m, (size_t)(end - (line + m)));
}

/* The *_at definitions, one per accessor wasm2c defined: the same
 * arguments after the name, so the same types. */
static void emit_definitions(FILE *out, char **lines, size_t first, size_t last)
{
    fputs("/* tools/membase: accessors that take the memory's base address. */\n"
          "#define MPBOX_LOAD_AT(name, t1, t2, t3)                 \\\n"
          "  static inline t3 name##_at(u8* base, u64 addr) {      \\\n"
          "    t1 result;                                          \\\n"
          "    wasm_rt_memcpy(&result, base + addr, sizeof(t1));   \\\n"
          "    wasm_asm(\"\" ::\"r\"(result));                         \\\n"
          "    return (t3)(t2)result;                              \\\n"
          "  }\n"
          "#define MPBOX_STORE_AT(name, t1, t2)                          \\\n"
          "  static inline void name##_at(u8* base, u64 addr, t2 value) { \\\n"
          "    t1 wrapped = (t1)value;                                   \\\n"
          "    wasm_rt_memcpy(base + addr, &wrapped, sizeof(t1));        \\\n"
          "  }\n",
          out);
    for (size_t i = first; i <= last; i++) {
        const char *l = lines[i];
        if (strncmp(l, "DEFINE_LOAD(", 12) == 0)
            fprintf(out, "MPBOX_LOAD_AT(%s\n", l + 12);
        else
            fprintf(out, "MPBOX_STORE_AT(%s\n", l + 13);
    }
}

/* Whether s (inside a line) starts a call of an accessor through the
 * instance's memory; sets *name_len. */
static int accessor_call(const char *s, size_t *name_len)
{
    for (size_t i = 0; i < naccessors; i++) {
        size_t n = strlen(accessor[i]);
        if (strncmp(s, accessor[i], n) == 0 && strncmp(s + n, MEM_ARG, strlen(MEM_ARG)) == 0) {
            *name_len = n;
            return 1;
        }
    }
    return 0;
}

static int is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Writes line with every accessor call through the instance's memory
 * turned into a call of its *_at twin on the local base; returns how many
 * there were. */
static size_t rewrite_line(FILE *out, const char *line)
{
    size_t count = 0;
    for (const char *p = line; *p;) {
        size_t n;
        if ((p == line || !is_ident(p[-1])) && accessor_call(p, &n)) {
            fprintf(out, "%.*s_at(" BASE ", ", (int)n, p);
            p += n + strlen(MEM_ARG);
            count++;
        } else {
            fputc(*p++, out);
        }
    }
    return count;
}

static int uses_memory(const char *line)
{
    for (const char *p = strstr(line, MEM_ARG); p; p = strstr(p + 1, MEM_ARG)) {
        const char *name = p;
        while (name > line && is_ident(name[-1]))
            name--;
        size_t n;
        if (accessor_call(name, &n))
            return 1;
    }
    return 0;
}

static int function_start(const char *line)
{
    size_t n = strlen(line);
    return line[0] != ' ' && line[0] != '#' && strstr(line, "(Z_micropython_instance_t* instance") &&
           n >= 3 && strcmp(line + n - 3, ") {") == 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: membase GUEST.c\n");
        return 2;
    }
    size_t len;
    char *text = read_all(argv[1], &len);

    size_t nlines = 0, cap = 1 << 16;
    char **lines = malloc(cap * sizeof *lines);
    for (char *p = text; lines && *p;) {
        if (nlines == cap) {
            cap *= 2;
            lines = realloc(lines, cap * sizeof *lines);
            if (!lines)
                break;
        }
        lines[nlines++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = 0;
        p = nl + 1;
    }
    if (!lines)
        fail("out of memory");

    /* wasm2c's accessor definitions: one run of DEFINE_LOAD(...) and
     * DEFINE_STORE(...) lines at column 0. */
    size_t first = 0, last = 0;
    for (size_t i = 0; i < nlines; i++) {
        char *name = defined_accessor(lines[i], "DEFINE_LOAD(");
        if (!name)
            name = defined_accessor(lines[i], "DEFINE_STORE(");
        if (!name)
            continue;
        if (naccessors && i != last + 1)
            fail("accessor definitions are not in one run");
        if (naccessors == MAX_ACCESSORS)
            fail("too many accessors");
        if (!naccessors)
            first = i;
        accessor[naccessors++] = name;
        last = i;
    }
    if (naccessors == 0)
        fail("no accessor definitions (DEFINE_LOAD/DEFINE_STORE) found");

    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.membase", argv[1]) >= (int)sizeof tmp)
        fail("path too long");
    FILE *out = fopen(tmp, "wb");
    if (!out)
        fail("cannot write the output");

    size_t functions = 0, calls = 0;
    for (size_t i = 0; i < nlines; i++) {
        if (i == last + 1)
            emit_definitions(out, lines, first, last);
        if (!function_start(lines[i])) {
            if (uses_memory(lines[i]))
                fail("a memory access outside a recognised function");
            fprintf(out, "%s\n", lines[i]);
            continue;
        }
        size_t end = i + 1;
        int touches = 0;
        while (end < nlines && strcmp(lines[end], "}") != 0)
            touches |= uses_memory(lines[end++]);
        if (end == nlines)
            fail("a function without its closing brace");
        fprintf(out, "%s\n", lines[i]);
        if (touches) {
            fprintf(out, "  u8* const " BASE " = instance->w2c_memory.data;\n");
            functions++;
        }
        for (size_t j = i + 1; j <= end; j++) {
            calls += rewrite_line(out, lines[j]);
            fputc('\n', out);
        }
        i = end;
    }
    if (fclose(out) != 0)
        fail("cannot write the output");
    if (functions == 0)
        fail("no function touches memory: not the expected wasm2c output");
    if (rename(tmp, argv[1]) != 0)
        fail("cannot replace the input");
    printf("membase: %zu accesses in %zu functions take a local base\n", calls, functions);
    free(lines);
    free(text);
    return 0;
}
