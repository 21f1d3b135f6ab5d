/*
 * hint.c — a short piece of advice attached to a failed run when the error
 * is a known difference between MicroPython and CPython (a str method that
 * does not exist, a missing module, syntax MicroPython lacks, ...). Agents
 * write CPython; the hint names the working alternative so that the next
 * attempt succeeds. Every rule was checked against a real run of the guest
 * (docs/compatibility.md has the table, tests/unit/test_hint.c the runs).
 *
 * A rule matches the exception's type, its message (a pattern where '*'
 * stands for any text) and, for generic messages, the failing source line
 * (the same kind of pattern, matched against the stripped line). The hint
 * text may quote what the first two '*' of the message matched as %1 and
 * %2; those come from the guest, so only short name-like text is quoted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Longer messages and lines are not ours to explain: no hint. This also
 * bounds the backtracking of the pattern matcher. */
#define MAX_MESSAGE 400
#define MAX_LINE 1000
#define MAX_CAPTURE 64
#define MAX_STARS 4
#define MATCH_BUDGET 20000 /* steps of one pattern match */

struct hint_rule {
    const char *type;    /* exception type name */
    const char *message; /* pattern of the message */
    const char *line;    /* pattern of the failing source line, or NULL */
    const char *hint;
};

/* A line pattern is matched against the code of the line: string contents
 * and comments blanked out. One that starts with RAW_LINE is matched against
 * the whole line (for f-string fields). */
#define RAW_LINE '~'


/* for Python functions and closures alike */
#define FUNCTION_ATTRIBUTES                                                                          \
    "MicroPython's functions keep no attributes of their own (f.%1 = ...); keep the value in a "  \
    "dict, a class, or a variable of an enclosing function."

/* First match wins: specific rules come before general ones. */
static const struct hint_rule rules[] = {
    /* ---- dict views, types ---- */
    {"TypeError", "unsupported operand type(s) for *: 'dict_view' and *", NULL,
     "A values() view has no set operations (keys() and items() have them); convert first: "
     "set(d.values()) | other."},
    {"TypeError", "unsupported operand type(s) for *: * and 'dict_view'", NULL,
     "A values() view has no set operations (keys() and items() have them); convert first: "
     "other - set(d.values())."},
    {"TypeError", "unsupported operand type(s) for |: 'type' and 'type'", NULL,
     "MicroPython has no union types (int | str); in isinstance() use a tuple: "
     "isinstance(x, (int, str))."},
    {"TypeError", "unsupported operand type(s) for |: 'type' and 'NoneType'", NULL,
     "MicroPython has no union types (int | None) outside annotations; use "
     "typing.Optional[int], or a tuple in isinstance(): isinstance(x, (int, type(None)))."},
    {"TypeError", "can only concatenate str (not \"int\") to str", NULL,
     "str + int needs a conversion: 'n=' + str(n), or an f-string: f'n={n}'."},
    {"TypeError", "can only concatenate str (not \"float\") to str", NULL,
     "str + float needs a conversion: 'x=' + str(x), or an f-string: f'x={x}'."},

    {"ValueError", "dict update sequence has wrong length", NULL,
     "dict() and dict.update() take a mapping or a sequence of pairs; an item of this "
     "sequence is not a (key, value) pair: dict(zip(keys, values)) or [(k, v), ...]."},

    /* MicroPython raises a TypeError without a message when a read-only
     * dict is changed; agents meet it writing through obj.__dict__. */
    {"TypeError", "", "*__dict__*",
     "MicroPython gives an instance's __dict__ (and vars(obj)) as a read-only copy; set attributes "
     "with setattr: for k, v in kw.items(): setattr(self, k, v)."},
    {"TypeError", "", "*vars(*",
     "MicroPython gives vars(obj) (and obj.__dict__) as a read-only copy; set attributes with "
     "setattr: for k, v in kw.items(): setattr(obj, k, v)."},
    {"TypeError", "", NULL,
     "A dict MicroPython keeps read-only was changed: an instance's __dict__ or vars(obj) is a "
     "copy here; set attributes with setattr(obj, name, value)."},
    /* ---- formatting ---- */
    {"TypeError", "join expects a list of str/bytes objects consistent with self object", NULL,
     "str.join() needs strings: ', '.join(str(x) for x in items)."},
    {"TypeError", "strftime() takes 2 positional arguments but 1 were given", NULL,
     "MicroPython's time.strftime() needs the time tuple: time.strftime(fmt, time.localtime())."},

    /* ---- keyword arguments that built-ins do not take ---- */
                                {"TypeError", "function doesn't take keyword arguments", "*deque(*maxlen=*",
     "MicroPython's deque takes its arguments by position: deque(items, 100)."},
    {"TypeError", "metaclass=*: mpbox has no metaclasses*", NULL,
     "For abstract bases subclass abc.ABC (metaclass=abc.ABCMeta works too); registries and "
     "checks of subclasses fit __init_subclass__ or a class decorator."},
    {"TypeError", "function doesn't take keyword arguments", NULL,
     "This MicroPython built-in takes positional arguments only; pass the values by "
     "position."},
    {"TypeError", "function missing * required positional arguments", "*deque(*",
     "MicroPython's deque needs the iterable and maxlen by position: deque([], 100)."},
    {"TypeError", "extra keyword arguments given", "*open(*newline=*",
     "MicroPython open() takes no newline=; remove that argument."},
    {"TypeError", "extra keyword arguments given", "*dumps(*",
     "MicroPython's json.dumps() takes only separators= as a keyword (no indent=, sort_keys= "
     "or default=): json.dumps(obj) or json.dumps(obj, separators=(',', ':'))."},
    
    /* ---- built-in names and exception classes ---- */
    {"NameError", "name 'exit' is not defined", NULL, "Use sys.exit() (after import sys)."},
    {"NameError", "name 'quit' is not defined", NULL, "Use sys.exit() (after import sys)."},
    {"NameError", "name '__file__' is not defined", NULL,
     "The program runs from a string, so __file__ is not defined; use paths relative to the "
     "working directory (os.getcwd())."},

    /* ---- modules: missing attributes and names ---- */
    {"AttributeError", "module 'os' has no attribute 'system'", NULL,
     "There are no processes in the sandbox: os.system() and os.popen() do not exist."},
    {"AttributeError", "module 'os' has no attribute 'popen'", NULL,
     "There are no processes in the sandbox: os.system() and os.popen() do not exist."},
    {"AttributeError", "module 'time' has no attribute 'perf_counter*'", NULL,
     "MicroPython's time has no perf_counter(); use time.time(), or time.ticks_ms() with "
     "time.ticks_diff()."},
    {"AttributeError", "module 'time' has no attribute 'monotonic*'", NULL,
     "MicroPython's time has no monotonic(); use time.time(), or time.ticks_ms() with "
     "time.ticks_diff()."},
    {"AttributeError", "module 'time' has no attribute 'process_time*'", NULL,
     "MicroPython's time has no process_time(); use time.time(), or time.ticks_ms() with "
     "time.ticks_diff()."},
    {"AttributeError", "module 'sys' has no attribute '*recursionlimit'", NULL,
     "MicroPython's recursion depth is fixed (about 2000 calls of a simple function); "
     "rewrite deeper recursion as a loop with an explicit stack."},
    {"AttributeError", "module 'sys' has no attribute 'exc_info'", NULL,
     "MicroPython has no sys.exc_info(); use 'except Exception as e:' and e itself."},
    {"AttributeError", "module 'json' has no attribute 'JSONDecodeError'", NULL,
     "MicroPython's json raises ValueError for bad input; catch ValueError (it is "
     "JSONDecodeError's base class in CPython too)."},
    {"ImportError", "can't import name JSONDecodeError", NULL,
     "MicroPython's json raises ValueError for bad input; catch ValueError (it is "
     "JSONDecodeError's base class in CPython too)."},
    {"AttributeError", "'date*' object has no attribute 'strftime'", NULL,
     "MicroPython's datetime objects have no strftime(); format the fields: "
     "f'{d.year:04d}-{d.month:02d}-{d.day:02d}'."},
    {"AttributeError", "type object 'date*' has no attribute 'strptime'", NULL,
     "MicroPython's datetime has no strptime(); split the text and pass the numbers: "
     "datetime(*map(int, '2024-01-05'.split('-')))."},
    {"AttributeError", "'*' object has no attribute 'from_iterable'", "*chain.from_iterable*",
     "MicroPython's itertools.chain has no from_iterable(); use itertools.chain(*iterables) or "
     "(x for it in iterables for x in it)."},
    {"AttributeError", "'tuple' object has no attribute 'm*'", "*version_info.m*",
     "MicroPython's sys.version_info is a plain tuple (3, 4, 0): use sys.version_info[0] and "
     "[1]; sys.implementation.name is 'micropython'."},
    {"AttributeError", "'*' object has no attribute '__qualname__'", NULL,
     "MicroPython's built-in functions and methods have no __qualname__ (functions and classes "
     "defined in Python have); print the object itself."},
    {"AttributeError", "'function' object has no attribute '*'", NULL, FUNCTION_ATTRIBUTES},
    {"ImportError", "can't import name *", NULL,
     "The module exists but has no '%1'; dir() of the module lists what it has."},

    /* ---- limits of the guest ---- */
    {"RecursionError", "maximum recursion depth exceeded", NULL,
     "MicroPython's call stack is fixed (about 2000 nested calls of a simple function, "
     "fewer through decorators); rewrite deep recursion as a loop with an explicit stack."},
    {"EOFError", "EOF when reading a line", NULL,
     "The sandbox has no standard input: input() gets nothing; put the data in the program "
     "(a string or a list) or in a file."},
    {"FileNotFoundError", "[Errno 2] *", NULL,
     "No such file or directory in the sandbox; os.listdir() shows what is there."},

    /* ---- syntax MicroPython does not have ---- */
    {"SyntaxError", "invalid syntax", "match *:*",
     "MicroPython has no match statement; use if/elif (with isinstance() for class patterns)."},
    {"SyntaxError", "invalid syntax", "*def *(*, /*",
     "MicroPython has no positional-only parameters; remove the '/' from the parameter list."},
    {"SyntaxError", "invalid syntax", "*{\\*\\**",
     "MicroPython does not unpack dicts inside {...}; merge with a | b or d = dict(a); "
     "d.update(b)."},
    {"SyntaxError", "invalid syntax", "*{*, \\*\\**",
     "MicroPython does not unpack dicts inside {...}; merge with a | b or d = dict(a); "
     "d.update(b)."},
    {"SyntaxError", "invalid syntax", "*{\\**",
     "MicroPython does not unpack iterables inside {...}; use set(a) | set(b)."},
    {"SyntaxError", "invalid syntax", "*{*, \\**",
     "MicroPython does not unpack iterables inside {...}; use set(a) | set(b)."},
    {"SyntaxError", "*x must be assignment target", NULL,
     "MicroPython does not unpack iterables inside [...] or (...); use a + b, list(a) + "
     "list(b) or tuple(a) + tuple(b)."},
    {"SyntaxError", "invalid syntax", "with (*",
     "MicroPython has no parenthesised context managers; write 'with a as x, b as y:' on "
     "one line or nest the with statements."},
    {"SyntaxError", "invalid syntax", "except\\**",
     "MicroPython has no exception groups (except*); use except."},
    {"SyntaxError", "invalid syntax", "class *[*]*:*",
     "MicroPython has no type parameter syntax (class C[T]); drop the brackets."},
    {"SyntaxError", "invalid syntax", "def *[*](*",
     "MicroPython has no type parameter syntax (def f[T]); drop the brackets."},
    {"SyntaxError", "invalid syntax", "type * = *",
     "MicroPython has no type statement; use a plain assignment (X = int)."},
    {"SyntaxError", "invalid syntax", "~*{*!a*}*",
     "MicroPython f-strings have no !a conversion; use !r."},
    {"ModuleNotFoundError", "No module named '__future__'", NULL,
     "MicroPython has no __future__ module; remove the 'from __future__ import ...' line "
     "(annotations are not evaluated anyway)."},
};

/* Third-party packages agents reach for, and what to do instead. */
static const struct {
    const char *name, *instead;
} third_party[] = {
    {"numpy", "use lists and the math module"},
    {"pandas", "use lists of dicts with csv, json and collections"},
    {"scipy", "use lists and the math module"},
    {"sklearn", "write the computation in plain Python"},
    {"matplotlib", "print the figures as text"},
    {"seaborn", "print the figures as text"},
    {"plotly", "print the figures as text"},
    {"requests", "the sandbox has no network access"},
    {"httpx", "the sandbox has no network access"},
    {"aiohttp", "the sandbox has no network access"},
    {"urllib3", "the sandbox has no network access"},
    {"bs4", "parse the text with str methods or re"},
    {"lxml", "parse the text with str methods or re"},
    {"yaml", "use json"},
    {"toml", "use json"},
    {"dateutil", "use datetime"},
    {"pytz", "use datetime"},
    {"tabulate", "format the table with f-strings ({:<10})"},
    {"tqdm", "print progress yourself"},
    {"rich", "use print"},
    {"sympy", "write the computation in plain Python"},
    {"networkx", "use dicts of lists for graphs"},
    {"PIL", "images cannot be processed here"},
    {"cv2", "images cannot be processed here"},
    {"torch", "write the computation in plain Python"},
    {"tensorflow", "write the computation in plain Python"},
    {"pydantic", "use classes or dicts"},
    {"attr", "use classes or dicts"},
    {"openpyxl", "use csv"},
    {"regex", "use re"},
    {"ujson", "use json"},
    {"orjson", "use json"},
    {"simplejson", "use json"},
};

/* Standard modules the sandbox cannot offer, and why. */
static const struct {
    const char *name, *why;
} unavailable[] = {
    {"subprocess", "there are no processes in the sandbox"},
    {"multiprocessing", "there are no processes in the sandbox"},
    {"threading", "there are no threads in the sandbox; run the work sequentially"},
    {"_thread", "there are no threads in the sandbox; run the work sequentially"},
    {"concurrent", "there are no threads or processes in the sandbox; run the work sequentially"},
    {"queue", "there are no threads in the sandbox; use collections.deque as a queue"},
    {"socket", "the sandbox has no network access"},
    {"ssl", "the sandbox has no network access"},
    {"http", "the sandbox has no network access"},
    {"urllib.request", "the sandbox has no network access (urllib.parse handles URL strings)"},
    {"urllib.error", "the sandbox has no network access (urllib.parse handles URL strings)"},
    {"urllib.robotparser", "the sandbox has no network access"},
    {"urllib", "the sandbox has no network access (for URL strings use str methods)"}, /* no library */
    {"smtplib", "the sandbox has no network access"},
    {"sqlite3", "use read_only_sql_query(database, sql) when the host provides a database"},
    {"tkinter", "there is no display in the sandbox"},
    {"ctypes", "native code cannot be loaded in the sandbox"},
    {"signal", "there are no signals in the sandbox"},
    {"pickle", "use json"},
};

/* CPython standard modules (not in the lists above) that this MicroPython
 * may lack; the compatibility library provides some of them. */
static const char *const stdlib_names[] = {
    "argparse", "ast", "bisect", "calendar", "codecs", "configparser", "contextlib", "csv",
    "dataclasses", "decimal", "difflib", "email", "enum", "fractions", "getpass", "glob",
    "graphlib", "importlib", "ipaddress", "keyword", "numbers", "pprint", "secrets", "shlex",
    "shutil", "statistics", "tempfile", "textwrap", "timeit", "tomllib", "traceback", "typing",
    "unicodedata", "uuid", "warnings", "weakref", "xml", "zipfile", "zoneinfo", "colorsys",
    "sched", "doctest", "pdb", "linecache", "tokenize", "dis", "mimetypes", "gettext",
    "filecmp", "fileinput", "bz2", "lzma", "zipimport", "pkgutil", "sysconfig", "site",
    "reprlib", "copyreg",
};

/* The modules of this sandbox that stand for CPython's (MicroPython's own and
 * the compatibility library's): a missing attribute of one of them is a
 * difference, of any other module (the program's own) it is not. Packages
 * are marked: only they report `from pkg import missing` as a module. */
static const struct {
    const char *name;
    int package;
} sandbox_modules[] = {
    {"array", 0}, {"asyncio", 1}, {"base64", 0}, {"binascii", 0}, {"bisect", 0},
    {"builtins", 0}, {"calendar", 0}, {"cmath", 0}, {"collections", 1}, {"contextlib", 0},
    {"copy", 0}, {"csv", 0}, {"dataclasses", 0}, {"datetime", 0}, {"decimal", 0},
    {"enum", 0}, {"errno", 0}, {"fnmatch", 0}, {"fractions", 0}, {"functools", 0},
    {"gc", 0}, {"gzip", 0}, {"hashlib", 0}, {"heapq", 0}, {"hmac", 0}, {"html", 1},
    {"inspect", 0}, {"io", 0}, {"itertools", 0}, {"json", 0}, {"locale", 0}, {"logging", 0},
    {"math", 0}, {"operator", 0}, {"os", 1}, {"os.path", 0}, {"pathlib", 0}, {"platform", 0},
    {"pprint", 0}, {"random", 0}, {"re", 0}, {"select", 0}, {"stat", 0}, {"statistics", 0},
    {"string", 0}, {"struct", 0}, {"sys", 0}, {"tarfile", 1}, {"textwrap", 0}, {"time", 0},
    {"traceback", 0}, {"types", 0}, {"typing", 0}, {"unittest", 1}, {"uuid", 0}, {"zlib", 0},
    {"urllib", 1}, {"urllib.parse", 0}, {"shlex", 0}, {"secrets", 0}, {"keyword", 0},
    {"reprlib", 0}, {"colorsys", 0}, {"glob", 0}, {"queue", 0}, {"shutil", 0}, {"timeit", 0},
    {"argparse", 0}, {"contextvars", 0},
};

/* 1 when name is one of sandbox_modules (and a package when want_package). */
static int sandbox_module(const char *name, size_t len, int want_package)
{
    for (size_t i = 0; i < sizeof sandbox_modules / sizeof sandbox_modules[0]; i++)
        if (strlen(sandbox_modules[i].name) == len && memcmp(sandbox_modules[i].name, name, len) == 0)
            return !want_package || sandbox_modules[i].package;
    return 0;
}

struct capture {
    const char *at;
    size_t len;
};

/* Match text [s, end) against pattern p: '*' matches any run of bytes
 * (shortest first), '\' makes the next pattern byte literal. Records what
 * the first MAX_STARS stars matched. The recursion depth is the number of
 * stars in a pattern (at most a handful, all written above); *budget bounds
 * the backtracking, which the guest could otherwise make explode with a
 * crafted line: when it runs out, the pattern does not match. */
static int match(const char *p, const char *s, const char *end, struct capture *caps, int star,
                 long *budget)
{
    for (; *p; p++) {
        if (*p == '*') {
            for (const char *t = s; t <= end; t++) {
                if (--*budget < 0)
                    return 0;
                if (match(p + 1, t, end, caps, star + 1, budget)) {
                    if (star < MAX_STARS) {
                        caps[star].at = s;
                        caps[star].len = (size_t)(t - s);
                    }
                    return 1;
                }
            }
            return 0;
        }
        if (*p == '\\' && p[1])
            p++;
        if (s == end || *s != *p)
            return 0;
        s++;
    }
    return s == end;
}

/* Quote only text that looks like a name: the message is the guest's. */
static int quotable(const struct capture *c)
{
    if (c->len == 0 || c->len > MAX_CAPTURE)
        return 0;
    for (size_t i = 0; i < c->len; i++) {
        char ch = c->at[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '.'))
            return 0;
    }
    return 1;
}

/* The hint text with %1 and %2 replaced by captures; NULL when a needed
 * capture is not quotable or memory runs out. */
static char *expand(const char *hint, const struct capture *caps)
{
    size_t n = 0;
    for (const char *h = hint; *h; h++) {
        if (h[0] == '%' && (h[1] == '1' || h[1] == '2')) {
            const struct capture *c = &caps[h[1] - '1'];
            if (!quotable(c))
                return NULL;
            n += c->len;
            h++;
        } else {
            n++;
        }
    }
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *h = hint; *h; h++) {
        if (h[0] == '%' && (h[1] == '1' || h[1] == '2')) {
            const struct capture *c = &caps[h[1] - '1'];
            memcpy(o, c->at, c->len);
            o += c->len;
            h++;
        } else {
            *o++ = *h;
        }
    }
    *o = '\0';
    return out;
}

static char *dup_printf(const char *fmt, const char *a, const char *b)
{
    int n = snprintf(NULL, 0, fmt, a, b);
    if (n < 0)
        return NULL;
    char *out = malloc((size_t)n + 1);
    if (out)
        snprintf(out, (size_t)n + 1, fmt, a, b);
    return out;
}

/* ModuleNotFoundError "No module named 'x'" (lib/python/_mpbox_exc.py makes
 * it of MicroPython's ImportError "no module named 'x'", which comes without
 * the library; 'pkg.name' there is a from-import of a name a package lacks). */
static char *import_hint(const char *message)
{
    struct capture caps[MAX_STARS] = {{0}};
    long budget = MATCH_BUDGET;
    if (match("cannot import name '*' from '*' (*)", message, message + strlen(message), caps, 0, &budget)) {
        /* a name one of the sandbox's modules lacks (the library's text) */
        if (!quotable(&caps[0]) || !quotable(&caps[1]) || !sandbox_module(caps[1].at, caps[1].len, 1))
            return NULL;
        return expand("MicroPython's %2 has no '%1'; dir() of the module lists what it has.", caps);
    }
    static const char prefix[] = "o module named '";
    size_t plen = sizeof prefix - 1;
    if (message[0] != 'N' && message[0] != 'n')
        return NULL;
    message++;
    size_t mlen = strlen(message);
    if (strncmp(message, prefix, plen) != 0 || mlen < plen + 2 || message[mlen - 1] != '\'')
        return NULL;
    struct capture name = {message + plen, mlen - plen - 1};
    if (!quotable(&name))
        return NULL;
    char full[MAX_CAPTURE + 1];
    memcpy(full, name.at, name.len);
    full[name.len] = '\0';

    for (size_t i = 0; i < sizeof unavailable / sizeof unavailable[0]; i++)
        if (strcmp(full, unavailable[i].name) == 0)
            return dup_printf("'%s' is not available: %s.", full, unavailable[i].why);
    char *dot = strchr(full, '.');
    if (dot) {
        /* MicroPython reports `from pkg import missing` this way. */
        if (!sandbox_module(full, (size_t)(dot - full), 1))
            return NULL;
        *dot = '\0';
        return dup_printf("MicroPython's %s has no '%s' (a name missing from a package is "
                          "reported as a missing module); dir() of the module lists what it has.",
                          full, dot + 1);
    }
    if (strcmp(full, "__future__") == 0)
        return NULL; /* a rule above */
    for (size_t i = 0; i < sizeof third_party / sizeof third_party[0]; i++)
        if (strcmp(full, third_party[i].name) == 0)
            return dup_printf("'%s' is a third-party package and nothing can be installed in "
                              "the sandbox; %s.",
                              full, third_party[i].instead);
    for (size_t i = 0; i < sizeof stdlib_names / sizeof stdlib_names[0]; i++)
        if (strcmp(full, stdlib_names[i]) == 0)
            return dup_printf("'%s' is a CPython standard module that this MicroPython does "
                              "not have; help('modules') lists the modules available.",
                              full, "");
    return NULL;
}

/* AttributeError "module 'm' has no attribute 'a'" for a module of the
 * sandbox that has no specific rule. */
static char *module_attribute_hint(const char *message, size_t mlen)
{
    struct capture caps[MAX_STARS] = {{0}};
    long budget = MATCH_BUDGET;
    if (!match("module '*' has no attribute '*'", message, message + mlen, caps, 0, &budget))
        return NULL;
    if (!quotable(&caps[0]) || !quotable(&caps[1]) || !sandbox_module(caps[0].at, caps[0].len, 0))
        return NULL;
    return expand("This sandbox's %1 module is smaller than CPython's and has no '%2'; dir(%1) "
                  "lists what it has.",
                  caps);
}

/* Line `lineno` (1-based) of src, stripped of surrounding blanks, into buf;
 * 0 when there is no such line or it is too long. */
static int source_line(const char *src, size_t len, long lineno, char *buf, size_t cap)
{
    const char *p = src, *end = src + len;
    for (long i = 1; i < lineno && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return 0;
        p = nl + 1;
    }
    if (lineno < 1 || p >= end)
        return 0;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if ((size_t)(e - p) >= cap)
        return 0;
    memcpy(buf, p, (size_t)(e - p));
    buf[e - p] = '\0';
    return 1;
}

/* The line with the contents of its string literals blanked out, so that a
 * pattern about code does not match text inside quotes ("{**kwargs}"). */
static void blank_strings(const char *line, char *out)
{
    char quote = 0;
    size_t i = 0;
    for (; line[i]; i++) {
        char c = line[i];
        if (!quote) {
            if (c == '#')
                break; /* a comment is not code either */
            if (c == '\'' || c == '"')
                quote = c;
            out[i] = c;
        } else if (c == '\\' && line[i + 1]) {
            out[i] = out[i + 1] = ' ';
            i++;
        } else if (c == quote) {
            quote = 0;
            out[i] = c;
        } else {
            out[i] = ' ';
        }
    }
    out[i] = '\0';
}

/* The number of the failing line of the program itself: the innermost
 * frame of the traceback in "<stdin>" (the run's source), when only frames
 * of the compatibility library (/usr/lib/mpbox: open() and the os functions
 * are wrapped there, for instance) follow it; 0 when the error happened
 * elsewhere (a module's file). */
static long failing_line(const char *tb)
{
    static const char frame[] = "  File \"", lib[] = "/usr/lib/mpbox/";
    long n = 0;
    for (const char *p = tb; (p = strstr(p, frame)) != NULL;) {
        p += sizeof frame - 1;
        if (strncmp(p, "<stdin>\", line ", 15) == 0) {
            char *end;
            long v = strtol(p + 15, &end, 10);
            n = end != p + 15 && v > 0 ? v : 0;
        } else if (strncmp(p, lib, sizeof lib - 1) != 0) {
            n = 0;
        }
    }
    return n;
}

char *mpb_hint_for(const char *type, const char *message, const char *traceback, const char *src,
                   size_t src_len)
{
    if (!type || !message)
        return NULL;
    size_t mlen = strlen(message);
    if (mlen > MAX_MESSAGE)
        return NULL;

    char line[MAX_LINE + 1], code[MAX_LINE + 1];
    int have_line = 0;
    long lineno = traceback ? failing_line(traceback) : 0;
    if (lineno && src)
        have_line = source_line(src, src_len, lineno, line, sizeof line);
    if (have_line)
        blank_strings(line, code);

    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        const struct hint_rule *r = &rules[i];
        struct capture caps[MAX_STARS] = {{0}}, line_caps[MAX_STARS] = {{0}};
        long budget = MATCH_BUDGET;
        if (strcmp(type, r->type) != 0 || !match(r->message, message, message + mlen, caps, 0, &budget))
            continue;
        budget = MATCH_BUDGET;
        if (r->line) {
            int raw = r->line[0] == RAW_LINE;
            const char *text = raw ? line : code;
            if (!have_line || !match(r->line + raw, text, text + strlen(text), line_caps, 0, &budget))
                continue;
        }
        char *hint = expand(r->hint, caps);
        if (hint)
            return hint;
    }
    if (strcmp(type, "ImportError") == 0 || strcmp(type, "ModuleNotFoundError") == 0)
        return import_hint(message);
    if (strcmp(type, "AttributeError") == 0)
        return module_attribute_hint(message, mlen);
    return NULL;
}
