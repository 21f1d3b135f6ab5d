/* guestmap — name the guest's functions in the translated C, for profiling.
 *
 *   guestmap GUEST.wasm GUEST.c OUT.tsv
 *
 * The guest has no name section: wasm2c calls its functions w2c_fN (N, the
 * function's index in the module, imports first) or, when exported, after
 * the export. perf therefore shows numbers, and the numbers change with
 * every rewrite of the guest. This tool finds MicroPython functions in the
 * final module (GUEST.wasm, the one wasm2c translated into GUEST.c) by
 * structural facts that do not depend on the numbering:
 *
 *   text    the one function whose code holds the address of an error
 *           message or other text of its own (a literal in the data
 *           segment that appears once);
 *   import  the one function that calls an import (the hooks guest/map,
 *           guest/gc, guest/sort, guest/numfmt and guest/strrepr put in
 *           MicroPython's functions).
 *
 * Each rule must match exactly one function, and that function's name must
 * be defined in GUEST.c with the same number of parameters: otherwise the
 * build stops (the guest is not the one this table describes). OUT.tsv has
 * one line per function: C name, MicroPython name, the C signature's
 * parameter count, how it was found. tools/perf_names.py puts the names
 * into `perf report` output (docs/benchmarks.md, "Profiling the guest").
 */
#include "match.h"

typedef enum { BY_TEXT, BY_TAIL, BY_IMPORT } rule_kind;

typedef struct rule {
    const char *name; /* MicroPython's function (py/, extmod/ of v1.27.0) */
    rule_kind kind;
    const char *fact; /* the text, or the import's base name */
} rule;

/* Facts checked against MicroPython v1.27.0's sources: each text is raised
 * or printed by the named function and by no other. */
static const rule rules[] = {
    {"mp_execute_bytecode", BY_TEXT, "local variable referenced before assignment"},
    {"mp_arg_check_num_sig", BY_TEXT, "function missing %d required positional arguments"},
    {"mp_arg_parse_all", BY_TEXT, "extra keyword arguments given"},
    {"mp_binary_op", BY_TEXT, "unsupported types for %q: '%s', '%s'"},
    {"mp_unary_op", BY_TEXT, "unsupported type for %q: '%s'"},
    {"mp_getiter", BY_TEXT, "'%s' object isn't iterable"},
    {"mp_obj_subscr", BY_TEXT, "'%s' object isn't subscriptable"},
    {"mp_get_index", BY_TEXT, "%q index out of range"},
    {"mp_obj_slice_indices", BY_TEXT, "slice step can't be zero"},
    {"mp_obj_get_array", BY_TEXT, "object '%s' isn't a tuple or list"},
    {"mp_obj_get_float", BY_TEXT, "can't convert %s to float"},
    {"mp_seq_index_obj", BY_TEXT, "object not in sequence"},
    {"mp_import_from", BY_TEXT, "can't import name %q"},
    {"mp_make_raise_obj", BY_TEXT, "exceptions must derive from BaseException"},
    {"type_call", BY_TEXT, "can't create '%q' instances"},
    {"gen_instance_close", BY_TEXT, "generator ignored GeneratorExit"},
    {"qstr_from_strn (qstr_from_strn_helper inlined)", BY_TEXT, "name too long"},
    {"m_malloc_fail", BY_TEXT, "memory allocation failed, allocating %u bytes"},
    {"gc_dump_info", BY_TEXT, "GC: total: %u, used: %u, free: %u"},
    {"list_pop", BY_TEXT, "pop from empty list"},
    {"set_pop", BY_TEXT, "pop from an empty set"},
    {"dict_update", BY_TEXT, "dict update sequence has wrong length"},
    {"str_join", BY_TEXT, "join expects a list of str/bytes objects consistent with self object"},
    {"str_index_to_ptr", BY_TEXT, "string index out of range"},
    {"str_modulo_format", BY_TEXT, "format string needs more arguments"},
    {"mp_obj_str_format_helper", BY_TEXT, "unmatched '{' in format"},
    {"bytes_make_new", BY_TEXT, "bytes value out of range"},
    {"range_make_new", BY_TEXT, "zero step"},
    {"mp_builtin_min_max", BY_TEXT, "arg is an empty sequence"},
    {"mp_map_lookup", BY_IMPORT, "mpbox_map_lookup"},
    {"mp_map_init", BY_IMPORT, "mpbox_map_init"},
    {"dict_popitem", BY_IMPORT, "mpbox_popitem_pick"},
    {"mp_quicksort (list.sort)", BY_IMPORT, "mpbox_sort"},
    {"mp_builtin_round", BY_IMPORT, "mpbox_round"},
    {"mpz_mul_inpl (mpn_mul inlined)", BY_IMPORT, "mpbox_mpz_mul"},
    {"mpz_divmod_inpl (mpn_div inlined)", BY_IMPORT, "mpbox_mpz_divmod"},
    {"mpn_add", BY_IMPORT, "mpbox_mpn_add"},
    {"mpn_sub", BY_IMPORT, "mpbox_mpn_sub"},
};

static BinaryenIndex function_imports;

/* wasm2c's index of function f: imports first, then definitions in order. */
static BinaryenIndex index_of(BinaryenFunctionRef f)
{
    BinaryenIndex defined = 0;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef g = BinaryenGetFunctionByIndex(mod, i);
        if (g == f) return function_imports + defined;
        if (is_defined(g)) defined++;
    }
    mismatch("%s", "a function is not in the module");
    return 0;
}

/* Does f's code hold the i32 constant v, or call the function named target? */
static int uses(BinaryenFunctionRef f, const rule *r, int32_t v, const char *target)
{
    collect(f);
    for (size_t k = 0; k < nnodes; k++) {
        BinaryenExpressionRef e = nodes[k];
        if (r->kind == BY_IMPORT ? is_id(e, ID_CALL) && strcmp(BinaryenCallGetTarget(e), target) == 0
                                 : is_const_eq(e, v))
            return 1;
    }
    return 0;
}

/* The internal name of the function imported as env.base. */
static const char *import_named(const char *base)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        const char *b = BinaryenFunctionImportGetBase(f);
        if (!is_defined(f) && b && strcmp(b, base) == 0) return BinaryenFunctionGetName(f);
    }
    mismatch("no import %s", base);
    return NULL;
}

static BinaryenFunctionRef find(const rule *r)
{
    int32_t v = 0;
    const char *target = NULL;
    if (r->kind == BY_IMPORT)
        target = import_named(r->fact);
    else
        v = text_address(r->fact, r->kind == BY_TAIL);
    BinaryenFunctionRef hit = NULL;
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++) {
        BinaryenFunctionRef f = BinaryenGetFunctionByIndex(mod, i);
        if (!is_defined(f) || !uses(f, r, v, target)) continue;
        if (hit) mismatch("two functions for %s", r->name);
        hit = f;
    }
    if (!hit) mismatch("no function for %s", r->name);
    return hit;
}

/* GUEST.c, read whole. */
static char *read_text(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) die("cannot read %s", path);
    size_t cap = 1 << 20, len = 0, n;
    char *buf = xrealloc(NULL, cap);
    while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
        len += n;
        if (cap - len < 2) buf = xrealloc(buf, cap *= 2);
    }
    fclose(fp);
    buf[len] = 0;
    return buf;
}

/* The number of parameters of the definition of `cname` in the C text
 * (after the instance pointer), or -1 when it is not defined there. */
static int c_params(const char *c, const char *cname)
{
    char head[200];
    snprintf(head, sizeof head, " %s(Z_micropython_instance_t* instance", cname);
    const char *p = strstr(c, head);
    if (!p) return -1;
    const char *end = strchr(p, ')');
    int n = 0;
    for (const char *q = p + strlen(head); q && q < end; q++) n += *q == ',';
    return n;
}

/* wasm2c's name: the export's when f is exported, else w2c_fN. */
static void c_name_of(BinaryenFunctionRef f, char *out, size_t cap)
{
    for (BinaryenIndex i = 0; i < BinaryenGetNumExports(mod); i++) {
        BinaryenExportRef ex = BinaryenGetExportByIndex(mod, i);
        if (BinaryenExportGetKind(ex) == BinaryenExternalFunction() &&
            strcmp(BinaryenExportGetValue(ex), BinaryenFunctionGetName(f)) == 0) {
            snprintf(out, cap, "w2c_%s", BinaryenExportGetName(ex));
            return;
        }
    }
    snprintf(out, cap, "w2c_f%u", (unsigned)index_of(f));
}

int main(int argc, char **argv)
{
    prog = "guestmap";
    (void)write_module; /* wasm_tree.h serves the tools that rewrite; this one only reads */
    if (argc != 4) {
        fprintf(stderr, "usage: %s GUEST.wasm GUEST.c OUT.tsv\n", prog);
        return 2;
    }
    init_ids();
    mod = read_module(argv[1]);
    for (BinaryenIndex i = 0; i < BinaryenGetNumFunctions(mod); i++)
        if (!is_defined(BinaryenGetFunctionByIndex(mod, i))) function_imports++;
    char *c = read_text(argv[2]);
    FILE *out = fopen(argv[3], "w");
    if (!out) die("cannot write %s", argv[3]);
    fprintf(out, "# c_name\tmicropython\tparams\tfound by\n");
    for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
        const rule *r = &rules[k];
        BinaryenFunctionRef f = find(r);
        char cname[128];
        c_name_of(f, cname, sizeof cname);
        int np = (int)BinaryenTypeArity(BinaryenFunctionGetParams(f));
        if (c_params(c, cname) != np) mismatch("%s is not defined in the C as the module says", cname);
        fprintf(out, "%s\t%s\t%d\t%s \"%s\"\n", cname, r->name, np, r->kind == BY_IMPORT ? "calls import" : "text",
                r->fact);
    }
    if (fclose(out) != 0) die("cannot write %s", argv[3]);
    fprintf(stderr, "%s: %zu guest functions named in %s\n", prog, sizeof rules / sizeof *rules, argv[3]);
    free(c);
    BinaryenModuleDispose(mod);
    return 0;
}
