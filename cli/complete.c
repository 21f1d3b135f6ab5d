/*
 * complete.c — when has the user finished typing? The guest compiles only
 * whole inputs, so the REPL decides on the host side, with the rules of the
 * Python REPL:
 *   - open brackets, an unterminated triple-quoted string or a trailing
 *     backslash continue the input;
 *   - a line ending in ':' (comments and spaces aside), or a decorator,
 *     opens a block, which ends at the first blank line;
 *   - anything else is complete after one line.
 * It is a scanner, not a parser: a malformed input counts as complete, and
 * the guest reports the syntax error.
 */
#include "cli.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r'; }

/* Does the last line of src (the one just typed) hold only blanks? */
static int last_line_blank(const char *src, size_t len)
{
    if (len > 0 && src[len - 1] == '\n')
        len--;
    while (len > 0 && src[len - 1] != '\n') {
        if (!is_blank(src[len - 1]))
            return 0;
        len--;
    }
    return 1;
}

enum cli_input cli_input_state(const char *src, size_t len)
{
    int depth = 0;       /* open ( [ { outside strings */
    char quote = 0;      /* quote character of the open string, or 0 */
    int triple = 0;      /* ... and whether it is triple-quoted */
    int backslash = 0;   /* the input ends in a line continuation */
    int block = 0;       /* a block (or decorator) was opened */
    int any = 0;         /* a token was seen at all */
    int line_start = 1;  /* no token yet on this logical line */
    char last = 0;       /* last token character of the logical line */

    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        backslash = 0;

        if (quote) {
            if (c == '\\') { /* escapes the next character, newline too */
                if (i + 1 >= len || (src[i + 1] == '\n' && i + 2 >= len))
                    backslash = 1;
                if (i + 1 < len)
                    i++;
            } else if (triple && c == quote && i + 2 < len && src[i + 1] == quote && src[i + 2] == quote) {
                i += 2;
                quote = 0;
            } else if (!triple && c == quote) {
                quote = 0;
            } else if (!triple && c == '\n') {
                quote = 0; /* unterminated string: Python's error to report */
                goto newline;
            }
            last = quote ? 0 : '"';
            continue;
        }
        if (c == '#') {
            while (i + 1 < len && src[i + 1] != '\n')
                i++;
            continue;
        }
        if (c == '\\') {
            if (i + 1 >= len || (src[i + 1] == '\n' && i + 2 >= len))
                backslash = 1;
            if (i + 1 < len && src[i + 1] == '\n')
                i++; /* joined lines: the same logical line goes on */
            continue;
        }
        if (c == '\n')
            goto newline;
        if (is_blank(c))
            continue;

        any = 1;
        if (line_start && c == '@' && depth == 0)
            block = 1;
        line_start = 0;
        last = c;
        if (c == '"' || c == '\'') {
            quote = c;
            triple = i + 2 < len && src[i + 1] == c && src[i + 2] == c;
            if (triple)
                i += 2;
            last = 0;
        } else if (c == '(' || c == '[' || c == '{') {
            depth++;
        } else if (c == ')' || c == ']' || c == '}') {
            depth--;
        }
        continue;

    newline:
        if (depth <= 0) {
            if (last == ':')
                block = 1;
            last = 0;
            line_start = 1;
            depth = 0; /* a stray closer is a syntax error; don't let it hide later opens */
        }
    }

    if (!any)
        return CLI_INPUT_EMPTY;
    if ((quote && triple) || backslash || depth > 0)
        return CLI_INPUT_INCOMPLETE;
    if (depth == 0 && last == ':')
        block = 1; /* the last line was not followed by '\n' */
    if (block && !last_line_blank(src, len))
        return CLI_INPUT_INCOMPLETE;
    return CLI_INPUT_COMPLETE;
}
