/*
 * base64.h — standard base64 (RFC 4648, with padding) onto a buffer.
 */
#ifndef MPB_UTIL_BASE64_H
#define MPB_UTIL_BASE64_H

#include <stddef.h>

#include "buf.h"

/* Append the base64 text of p[0..n). -1 when out of memory. */
int mpb_base64_put(struct mpb_buf *b, const void *p, size_t n);

#endif /* MPB_UTIL_BASE64_H */
