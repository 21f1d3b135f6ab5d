/* unicase — character properties and case mappings for str's methods, for
 * the build.
 *
 *   unicase UCD_DIR OUT.c < Unihan_NumericValues.txt
 *
 * Reads UnicodeData.txt, SpecialCasing.txt, CaseFolding.txt and
 * DerivedCoreProperties.txt from UCD_DIR (Debian's unicode-data) and the
 * Unihan numeric values on standard input (the package ships them
 * compressed; the Makefile pipes them through bzcat), and writes the
 * tables host/unicase.c reads (host/unicase.h): each code point's
 * properties and mappings as a record, records shared, found through two
 * levels of index (a block of 128 code points, then the record).
 *
 * What each property means is what CPython's str methods use:
 *   alpha     category Lu, Ll, Lt, Lm or Lo
 *   decimal   UnicodeData field 6 set; digit: field 7; numeric: field 8 or
 *             a Unihan numeric value (kAccountingNumeric, kOtherNumeric,
 *             kPrimaryNumeric)
 *   space     bidirectional class WS, B or S, or category Zs
 *   lower, upper, cased, case-ignorable, xid-start, xid-continue: the
 *             derived properties Lowercase, Uppercase, Cased,
 *             Case_Ignorable, XID_Start, XID_Continue; title: category Lt
 * Mappings: upper, lower, title are SpecialCasing's unconditional ones,
 * else UnicodeData's simple ones (fields 12, 13, 14; title defaults to
 * upper); fold is CaseFolding's C and F entries (none: the code point
 * itself). A mapping to one code point is stored as a difference, a longer
 * one as MPB_UC_SEQ plus an index into a list of sequences.
 *
 * A build-machine tool: a malformed file stops the build with a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../host/unicase.h"

#define MAX_CP MPB_UC_MAX_CP
#define SHIFT MPB_UC_SHIFT
#define BLOCK MPB_UC_BLOCK
#define MAX_SEQ 3 /* the longest full mapping (SpecialCasing, CaseFolding) */

typedef struct mapping {
    uint8_t n; /* 0: the code point itself */
    uint32_t cp[MAX_SEQ];
} mapping;

enum { M_UPPER = MPB_UC_MAP_UPPER, M_LOWER = MPB_UC_MAP_LOWER, M_TITLE = MPB_UC_MAP_TITLE, M_FOLD = MPB_UC_MAP_FOLD, M_KINDS = MPB_UC_MAPS };

static uint32_t props[MAX_CP];
static mapping simple[M_KINDS][MAX_CP]; /* from UnicodeData (no fold) */
static mapping full[M_KINDS][MAX_CP];   /* SpecialCasing, CaseFolding */

static const char *path;
static unsigned long line;

static void fail(const char *what)
{
    fprintf(stderr, "unicase: %s:%lu: %s\n", path, line, what);
    exit(1);
}

static FILE *open_in(const char *dir, const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", dir, name);
    FILE *f = fopen(buf, "r");
    if (!f) {
        fprintf(stderr, "unicase: cannot open %s\n", buf);
        exit(1);
    }
    path = buf;
    line = 0;
    return f;
}

/* The fields of a ';'-separated line (comment cut), at most max; returns
 * their number. Fields are trimmed of spaces. */
static int split(char *s, char **field, int max)
{
    char *hash = strchr(s, '#');
    if (hash) *hash = '\0';
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t') s++;
        if (n == max) fail("too many fields");
        field[n++] = s;
        char *semi = strchr(s, ';');
        char *end = semi ? semi : s + strlen(s);
        while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r')) end--;
        if (!semi) {
            *end = '\0';
            return n;
        }
        *end = '\0';
        s = semi + 1;
    }
}

static uint32_t code(const char *s)
{
    char *end;
    unsigned long cp = strtoul(s, &end, 16);
    if (end == s || *end || cp >= MAX_CP) fail("bad code point");
    return (uint32_t)cp;
}

/* "0053 0053" into m */
static void sequence(const char *s, mapping *m)
{
    m->n = 0;
    while (*s) {
        char *end;
        unsigned long cp = strtoul(s, &end, 16);
        if (end == s || cp >= MAX_CP) fail("bad code point in a mapping");
        if (m->n == MAX_SEQ) fail("mapping too long");
        m->cp[m->n++] = (uint32_t)cp;
        s = end;
        while (*s == ' ') s++;
    }
}

static void read_unicode_data(const char *dir)
{
    char name[4096], buf[1024];
    FILE *f = open_in(dir, "UnicodeData.txt", name, sizeof name);
    uint32_t first = 0;
    int in_range = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (!strchr(buf, '\n')) fail("line too long");
        char *fl[16];
        if (split(buf, fl, 16) != 15) fail("not 15 fields");
        uint32_t cp = code(fl[0]);
        const char *cat = fl[2], *bidi = fl[4];
        uint32_t p = 0;
        if (cat[0] == 'L' && strchr("ultmo", cat[1]) && cat[1]) p |= MPB_UCP_ALPHA;
        if (strcmp(cat, "Lt") == 0) p |= MPB_UCP_TITLE;
        if (strcmp(cat, "Zs") == 0 || strcmp(bidi, "WS") == 0 || strcmp(bidi, "B") == 0 || strcmp(bidi, "S") == 0)
            p |= MPB_UCP_SPACE;
        if (*fl[6]) p |= MPB_UCP_DECIMAL;
        if (*fl[7]) p |= MPB_UCP_DIGIT;
        if (*fl[8]) p |= MPB_UCP_NUMERIC;
        size_t nlen = strlen(fl[1]);
        if (nlen > 8 && strcmp(fl[1] + nlen - 8, ", First>") == 0) {
            if (in_range) fail("range inside a range");
            in_range = 1;
            first = cp;
            props[cp] |= p;
            continue;
        }
        if (nlen > 7 && strcmp(fl[1] + nlen - 7, ", Last>") == 0) {
            if (!in_range || cp < first) fail("range end without its start");
            for (uint32_t c = first; c <= cp; c++) props[c] |= p;
            in_range = 0;
            continue;
        }
        if (in_range) fail("range start without its end");
        props[cp] |= p;
        if (*fl[12]) sequence(fl[12], &simple[M_UPPER][cp]);
        if (*fl[13]) sequence(fl[13], &simple[M_LOWER][cp]);
        if (*fl[14]) sequence(fl[14], &simple[M_TITLE][cp]);
        else simple[M_TITLE][cp] = simple[M_UPPER][cp];
    }
    if (ferror(f) || fclose(f) != 0) fail("read error");
    if (line < 1000) fail("too few lines");
}

/* The records of a ';'-separated file of UCD_DIR: take(fields, count)
 * for each line that is not blank or a comment, which must have at least
 * min_fields (else `shape` stops the build); returns how many take kept. */
static int read_records(const char *dir, const char *file, int min_fields, const char *shape,
                        int (*take)(char **fl, int k))
{
    char name[4096], buf[1024];
    FILE *f = open_in(dir, file, name, sizeof name);
    int n = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        char *fl[8];
        int k = split(buf, fl, 8);
        if (k == 1 && !*fl[0]) continue;
        if (k < min_fields) fail(shape);
        n += take(fl, k);
    }
    if (ferror(f) || fclose(f) != 0) fail("read error");
    return n;
}

static int take_special_casing(char **fl, int k)
{
    if (k > 5 && *fl[4]) return 0; /* conditional (Final_Sigma is done in code, locales are not) */
    uint32_t cp = code(fl[0]);
    sequence(fl[1], &full[M_LOWER][cp]);
    sequence(fl[2], &full[M_TITLE][cp]);
    sequence(fl[3], &full[M_UPPER][cp]);
    return 1;
}

static int take_case_folding(char **fl, int k)
{
    (void)k;
    if (strcmp(fl[1], "C") != 0 && strcmp(fl[1], "F") != 0) return 0;
    sequence(fl[2], &full[M_FOLD][code(fl[0])]);
    return 1;
}

static int take_derived(char **fl, int k)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } wanted[] = {{"Lowercase", MPB_UCP_LOWER},          {"Uppercase", MPB_UCP_UPPER},      {"Cased", MPB_UCP_CASED},
                  {"Case_Ignorable", MPB_UCP_CASE_IGNORABLE}, {"XID_Start", MPB_UCP_XID_START}, {"XID_Continue", MPB_UCP_XID_CONTINUE}};
    (void)k;
    uint32_t bit = 0;
    for (size_t w = 0; w < sizeof wanted / sizeof *wanted; w++)
        if (strcmp(fl[1], wanted[w].name) == 0) bit = wanted[w].bit;
    if (!bit) return 0;
    char *dots = strstr(fl[0], "..");
    uint32_t lo, hi;
    if (dots) {
        *dots = '\0';
        lo = code(fl[0]);
        hi = code(dots + 2);
    } else {
        lo = hi = code(fl[0]);
    }
    if (hi < lo) fail("bad range");
    for (uint32_t c = lo; c <= hi; c++) props[c] |= bit;
    return 1;
}

static void read_special_casing(const char *dir)
{
    if (read_records(dir, "SpecialCasing.txt", 5, "not CODE; LOWER; TITLE; UPPER; (CONDITIONS;)",
                     take_special_casing) < 50)
        fail("too few mappings");
}

static void read_case_folding(const char *dir)
{
    if (read_records(dir, "CaseFolding.txt", 3, "not CODE; STATUS; MAPPING;", take_case_folding) < 1000)
        fail("too few foldings");
}

static void read_derived(const char *dir)
{
    if (read_records(dir, "DerivedCoreProperties.txt", 2, "not RANGE; PROPERTY", take_derived) < 1000)
        fail("too few properties");
}

/* Unihan_NumericValues.txt: "U+4E00\tkPrimaryNumeric\t1" */
static void read_unihan_numeric(FILE *f)
{
    char buf[1024];
    int n = 0;
    path = "Unihan_NumericValues.txt (standard input)";
    line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (buf[0] != 'U' || buf[1] != '+') continue;
        char *end;
        unsigned long cp = strtoul(buf + 2, &end, 16);
        if (end == buf + 2 || *end != '\t' || cp >= MAX_CP) fail("bad Unihan line");
        if (strncmp(end + 1, "kAccountingNumeric\t", 19) == 0 || strncmp(end + 1, "kOtherNumeric\t", 14) == 0 ||
            strncmp(end + 1, "kPrimaryNumeric\t", 16) == 0) {
            props[cp] |= MPB_UCP_NUMERIC;
            n++;
        }
    }
    if (ferror(f)) fail("read error");
    if (n < 50) fail("too few Unihan numeric values");
}

/* ---- the tables ---- */

typedef mpb_uc_record record;

static record *records;
static size_t nrecords, records_cap;
static uint32_t *seqs; /* each: length, then code points */
static size_t nseqs, seqs_cap;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return p;
    size_t c = *cap ? *cap * 2 : 1024;
    while (c < need) c *= 2;
    p = realloc(p, c * size);
    if (!p) {
        fprintf(stderr, "unicase: out of memory\n");
        exit(1);
    }
    *cap = c;
    return p;
}

static int32_t encode(uint32_t cp, const mapping *m)
{
    if (m->n == 0) return 0;
    if (m->n == 1) return (int32_t)m->cp[0] - (int32_t)cp;
    for (size_t i = 0; i < nseqs; i += 1 + seqs[i])
        if (seqs[i] == m->n && memcmp(&seqs[i + 1], m->cp, m->n * sizeof *m->cp) == 0) return MPB_UC_SEQ + (int32_t)i;
    seqs = grow(seqs, &seqs_cap, nseqs + 1 + m->n, sizeof *seqs);
    size_t at = nseqs;
    seqs[nseqs++] = m->n;
    for (int k = 0; k < m->n; k++) seqs[nseqs++] = m->cp[k];
    return MPB_UC_SEQ + (int32_t)at;
}

static uint16_t record_of(uint32_t cp)
{
    record r;
    memset(&r, 0, sizeof r);
    r.props = props[cp];
    for (int k = 0; k < M_KINDS; k++) {
        const mapping *m = full[k][cp].n || k == M_FOLD ? &full[k][cp] : &simple[k][cp];
        r.map[k] = encode(cp, m);
    }
    for (size_t i = 0; i < nrecords; i++)
        if (memcmp(&records[i], &r, sizeof r) == 0) return (uint16_t)i;
    if (nrecords == 65535) {
        fprintf(stderr, "unicase: too many records\n");
        exit(1);
    }
    records = grow(records, &records_cap, nrecords + 1, sizeof *records);
    records[nrecords] = r;
    return (uint16_t)nrecords++;
}

static void write_tables(const char *out)
{
    static uint16_t blocks[MAX_CP]; /* distinct blocks, BLOCK records each */
    static uint16_t index1[MAX_CP >> SHIFT];
    size_t nblocks = 0;
    record_of(0); /* record 0: nothing (most unassigned code points) */
    for (uint32_t b = 0; b < (MAX_CP >> SHIFT); b++) {
        uint16_t blk[BLOCK];
        for (uint32_t k = 0; k < BLOCK; k++) blk[k] = record_of((b << SHIFT) | k);
        size_t i;
        for (i = 0; i < nblocks; i++)
            if (memcmp(&blocks[i * BLOCK], blk, sizeof blk) == 0) break;
        if (i == nblocks) memcpy(&blocks[nblocks++ * BLOCK], blk, sizeof blk);
        index1[b] = (uint16_t)i;
    }
    FILE *f = fopen(out, "w");
    if (!f) {
        fprintf(stderr, "unicase: cannot create %s\n", out);
        exit(1);
    }
    fprintf(f, "/* Generated by tools/unicase from Debian's unicode-data: do not edit. */\n"
               "#include \"unicase.h\"\n\n");
    fprintf(f, "const uint16_t mpb_uc_index1[%u] = {", MAX_CP >> SHIFT);
    for (uint32_t b = 0; b < (MAX_CP >> SHIFT); b++) fprintf(f, "%s%u,", b % 24 ? "" : "\n", index1[b]);
    fprintf(f, "\n};\nconst uint16_t mpb_uc_index2[%zu] = {", nblocks * BLOCK);
    for (size_t i = 0; i < nblocks * BLOCK; i++) fprintf(f, "%s%u,", i % 24 ? "" : "\n", blocks[i]);
    fprintf(f, "\n};\nconst mpb_uc_record mpb_uc_records[%zu] = {\n", nrecords);
    for (size_t i = 0; i < nrecords; i++)
        fprintf(f, "    {0x%x, {%d, %d, %d, %d}},\n", records[i].props, records[i].map[0], records[i].map[1],
                records[i].map[2], records[i].map[3]);
    fprintf(f, "};\nconst uint32_t mpb_uc_seqs[%zu] = {", nseqs ? nseqs : 1);
    for (size_t i = 0; i < nseqs; i++) fprintf(f, "%s0x%x,", i % 12 ? "" : "\n", seqs[i]);
    fprintf(f, "%s\n};\n", nseqs ? "" : "0");
    if (ferror(f) || fclose(f) != 0) {
        remove(out);
        fprintf(stderr, "unicase: cannot write %s\n", out);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: unicase UCD_DIR OUT.c < Unihan_NumericValues.txt\n");
        return 2;
    }
    read_unicode_data(argv[1]);
    read_special_casing(argv[1]);
    read_case_folding(argv[1]);
    read_derived(argv[1]);
    read_unihan_numeric(stdin);
    write_tables(argv[2]);
    return 0;
}
