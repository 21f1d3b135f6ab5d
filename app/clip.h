/*
 * clip.h — the head and the tail of a long text, for results read by a
 * model or a person: a run that prints a megabyte is still worth showing
 * its first lines (what it set out to do) and its last ones (how it
 * ended), with a marker saying how much was left out in between.
 *
 * This is the one home of that rule: the MCP tool result (mcpcore.c), the
 * JSON API of `mpbox serve` and the command's --clip-output all cut here.
 * It includes no other project header.
 */
#ifndef MPBOX_CLIP_H
#define MPBOX_CLIP_H

#include <stddef.h>

/* Output kept in an MCP tool result unless configured otherwise: 20,000
 * bytes, about 5,000 tokens of English or code. Twice what one peer keeps
 * (10,000 characters), so that a traceback plus a few hundred lines of
 * table fit whole, and 2-3% of a 200k-token context instead of the
 * quarter-million tokens a 1 MiB output would cost. */
#define CLIP_DEFAULT_MCP 20000u

/* Where to cut s[0..n) so that at most `limit` bytes are kept. */
struct clip {
    size_t head;       /* bytes kept from the start: s[0..head) */
    size_t tail;       /* bytes kept from the end: s[n-tail..n) */
    size_t omitted;    /* n - head - tail, the bytes left out */
};

/* 1 when s is longer than limit (then *c says where to cut), 0 when it is
 * kept whole (limit 0 keeps everything). Half the limit goes to each end;
 * the cuts fall between UTF-8 characters, and at a line end when one is
 * near (within an eighth of each half), so that no line is cut when lines
 * are short. */
int clip_plan(const char *s, size_t n, size_t limit, struct clip *c);

/* The marker that replaces the part left out, on a line of its own:
 * "[mpbox: 123456 bytes left out]". Writes at most cap bytes (with the
 * NUL); returns its length. */
size_t clip_marker(char *buf, size_t cap, size_t omitted);

#endif /* MPBOX_CLIP_H */
