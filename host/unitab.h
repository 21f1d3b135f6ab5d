/*
 * unitab.h — Unicode tables generated at build time by tools/unidata from
 * Debian's unicode-data (build/gen/unitab.c).
 */
#ifndef MPB_UNITAB_H
#define MPB_UNITAB_H

#include <stddef.h>
#include <stdint.h>

/* The printable code points above ASCII, as CPython's str.isprintable()
 * has them: sorted, disjoint, inclusive [first, last] ranges. */
extern const uint32_t mpb_uni_printable[][2];
extern const size_t mpb_uni_printable_n;

#endif
