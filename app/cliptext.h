/*
 * cliptext.h — clip.h's cut applied to the texts the command and the
 * server hand out (cliptext.c).
 */
#ifndef MPBOX_APP_CLIPTEXT_H
#define MPBOX_APP_CLIPTEXT_H

#include <stddef.h>

#include "buf.h"
#include "clip.h"

/* Append s[0..n), or when it is longer than limit (0: no limit) its head,
 * a marker line "[mpbox: N bytes left out]" and its tail (clip.h). -1 when
 * out of memory. */
int app_clip_append(struct mpb_buf *b, const char *s, size_t n, size_t limit);
/* Copy a result JSON (mpbox_result_json's object) to out with its stdout
 * and stderr clipped to limit bytes each, each followed by a member
 * stdout_omitted_bytes / stderr_omitted_bytes (0 when kept whole). 0, -1
 * when out of memory, -2 when json is not a JSON object. */
int app_clip_result_json(const char *json, size_t len, size_t limit, struct mpb_buf *out);

#endif /* MPBOX_APP_CLIPTEXT_H */
