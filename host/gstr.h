/*
 * gstr.h — the text of a guest str object, for host code that reads it
 * (host/unicase.c, host/numfmt.c).
 */
#ifndef MPB_GSTR_H
#define MPB_GSTR_H

#include <stdint.h>

#include "host.h"

/* The bytes of the str object obj: a heap str {type, hash, len, data}
 * whose type is str_type (any type when str_type is 0), or an interned
 * one (q << 3 | 2), found through the guest's qstr pools. NULL when obj
 * is neither or a read falls outside guest memory; the span is checked
 * and stays valid until guest code next runs. */
const uint8_t *mpb_guest_str(mpb_host *h, uint32_t obj, uint32_t str_type, uint32_t *len);

#endif
