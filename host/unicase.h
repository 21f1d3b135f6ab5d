/*
 * unicase.h — the Unicode properties and case mappings of str's methods,
 * tables generated at build time by tools/unicase from Debian's
 * unicode-data (build/gen/unicase.c), read by host/unicase.c.
 *
 * A code point's record: mpb_uc_records[mpb_uc_index2[(mpb_uc_index1[cp >>
 * MPB_UC_SHIFT] << MPB_UC_SHIFT) + (cp & (MPB_UC_BLOCK - 1))]].
 */
#ifndef MPB_UNICASE_H
#define MPB_UNICASE_H

#include <stddef.h>
#include <stdint.h>

#define MPB_UC_SHIFT 7
#define MPB_UC_BLOCK (1u << MPB_UC_SHIFT)
#define MPB_UC_MAX_CP 0x110000u

/* Properties (what CPython's str methods test; tools/unicase says where
 * each comes from). */
enum {
    MPB_UCP_ALPHA = 1 << 0,
    MPB_UCP_DECIMAL = 1 << 1,
    MPB_UCP_DIGIT = 1 << 2,
    MPB_UCP_NUMERIC = 1 << 3,
    MPB_UCP_SPACE = 1 << 4,
    MPB_UCP_LOWER = 1 << 5,
    MPB_UCP_UPPER = 1 << 6,
    MPB_UCP_TITLE = 1 << 7,
    MPB_UCP_CASED = 1 << 8,
    MPB_UCP_CASE_IGNORABLE = 1 << 9,
    MPB_UCP_XID_START = 1 << 10,
    MPB_UCP_XID_CONTINUE = 1 << 11,
};

/* The mappings of a record, in this order. */
enum { MPB_UC_MAP_UPPER, MPB_UC_MAP_LOWER, MPB_UC_MAP_TITLE, MPB_UC_MAP_FOLD, MPB_UC_MAPS };

#define MPB_UC_SEQ 0x40000000 /* above any difference of two code points */

typedef struct mpb_uc_record {
    uint32_t props;
    /* cp + map when map < MPB_UC_SEQ; else mpb_uc_seqs[map - MPB_UC_SEQ]
     * is a length and the code points follow */
    int32_t map[MPB_UC_MAPS];
} mpb_uc_record;

/* The str methods host/unicase.c answers (guest/unicase's functions
 * mpbox$unicase_K; lib/python/_mpbox_types.py lists them in this order).
 * The first seven are MicroPython's own, which keep ASCII text. */
enum {
    MPB_UC_UPPER,
    MPB_UC_LOWER,
    MPB_UC_ISALPHA,
    MPB_UC_ISDIGIT,
    MPB_UC_ISSPACE,
    MPB_UC_ISUPPER,
    MPB_UC_ISLOWER,
    MPB_UC_TITLE,
    MPB_UC_CAPITALIZE,
    MPB_UC_SWAPCASE,
    MPB_UC_CASEFOLD,
    MPB_UC_ISALNUM,
    MPB_UC_ISDECIMAL,
    MPB_UC_ISNUMERIC,
    MPB_UC_ISIDENTIFIER,
    MPB_UC_ISPRINTABLE,
    MPB_UC_ISTITLE,
    MPB_UC_ISASCII,
    MPB_UC_KINDS
};

/* For a method of the case group (upper ... casefold): the UTF-8 result of
 * it on [s, s + len) is written to out (at most cap bytes); returns its
 * whole length (call with cap 0 to measure). For the others: 1 or 0, the
 * method's answer. Text that is not UTF-8 is read as MicroPython reads it. */
int mpb_uc_is_case_kind(int kind);
size_t mpb_uc_convert(int kind, const uint8_t *s, size_t len, uint8_t *out, size_t cap);
int mpb_uc_test(int kind, const uint8_t *s, size_t len);

extern const uint16_t mpb_uc_index1[MPB_UC_MAX_CP >> MPB_UC_SHIFT];
extern const uint16_t mpb_uc_index2[];
extern const mpb_uc_record mpb_uc_records[];
extern const uint32_t mpb_uc_seqs[];

#endif
