/*
 * qstr.h — MicroPython's interned strings (qstrs) as the host reads them
 * from the guest's pools, without calling into the guest.
 *
 * A qstr is a number; the guest keeps its hash, length and bytes in a chain
 * of pools (qstr_pool_t), newest first from MP_STATE_VM(last_pool), each
 * pool holding the numbers from its total_prev_len on; the oldest are in
 * the guest's data (the static qstrs, exported by guest/speed as
 * mpbox_qstr_rom_pool). Pools are only ever appended to, and a rollback,
 * snapshot or fork carries them with the rest of guest memory, so reading
 * them afresh at every call is always right: the host keeps nothing.
 */
#ifndef MPB_QSTR_H
#define MPB_QSTR_H

#include <stdint.h>

#include "host.h"

typedef struct mpb_qstr {
    uint32_t hash; /* the pool's 16-bit hash of its bytes (MicroPython's qstr_hash) */
    uint32_t len;  /* bytes (one byte in the pool: at most 255) */
    uint32_t data; /* guest address of the bytes */
} mpb_qstr;

/* Qstr number q: 0, or -1 when no pool holds q or the pools are not what
 * they should be (damaged guest memory; the walk is bounded). */
int mpb_qstr_get(mpb_host *h, uint32_t q, mpb_qstr *out);

/* Only its hash, as the guest's qstr_hash answers: 0, or -1 as above. */
int mpb_qstr_hash(mpb_host *h, uint32_t q, uint32_t *hash);

#endif
