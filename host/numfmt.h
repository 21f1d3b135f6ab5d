/*
 * numfmt.h — float printing and rounding for the guest (host/numfmt.c),
 * behind the imports env.mpbox_format_float and env.mpbox_round that
 * guest/numfmt.c adds.
 */
#ifndef MPB_NUMFMT_H
#define MPB_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

#include "wasm-rt.h"

/* The largest buffer the guest may hand over. */
#define MPB_NUMFMT_MAX 4096

/* Writes x as CPython formats it: fmt is MicroPython's presentation type
 * ('e' 'E' 'f' 'F' 'g' 'G'), | 0x100 when the format spec had none; flags
 * fill, width and prec as MicroPython's mp_print_float takes them
 * (precision 99 with 'g' is repr()). No padding (MicroPython's printer
 * pads), except zeros between grouped digits. No NUL. Returns the length, or -1 when the
 * text needs more than cap bytes or the request is not understood. */
int mpb_format_float(double x, int fmt, int flags, int fill, int width, int prec, char *out, size_t cap);

/* round(x, ndigits) as CPython: the exact binary value rounded half to
 * even at 10**-ndigits (round(2.675, 2) == 2.67, round(250.0, -2) ==
 * 200.0); infinities and NaN unchanged. */
double mpb_round_float(double x, double ndigits);

/* str.format(n_args, args, kwargs) as MicroPython calls it: n_kw + 1 when
 * `reach` (the template needs the Python formatter: mpb_format_needs_python) or
 * an argument (not the template) is an object of a class defined in
 * Python, so the call goes to the Python formatter that calls __format__
 * (the keyword pairs must follow the positional arguments, as MicroPython
 * lays them out), else 0. */
uint32_t mpb_format_route(const wasm_rt_memory_t *m, uint32_t n_args, uint32_t args, uint32_t kwargs, int reach);

/* Whether a str.format template with n_pos positional arguments needs the
 * Python formatter whatever the arguments: a field that reaches into its
 * value ('{0.x}', '{p[k]}', also nested in a spec: MicroPython's
 * formatter raises NotImplementedError), one that names a positional
 * argument past the last (CPython's IndexError text), or a spec whose
 * fill is an alignment character ('{:=>4}', which MicroPython's parser
 * refuses). */
int mpb_format_needs_python(const uint8_t *s, size_t len, uint32_t n_pos);

#endif
