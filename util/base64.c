/*
 * base64.c — standard base64 encoding (base64.h).
 */
#include "base64.h"

int mpb_base64_put(struct mpb_buf *b, const void *data, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = data;
    char q[256];
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0u) | (i + 2 < n ? p[i + 2] : 0u);
        q[k++] = tab[v >> 18 & 63];
        q[k++] = tab[v >> 12 & 63];
        q[k++] = i + 1 < n ? tab[v >> 6 & 63] : '=';
        q[k++] = i + 2 < n ? tab[v & 63] : '=';
        if (k == sizeof q || i + 3 >= n) {
            if (mpb_buf_append(b, q, k) < 0)
                return -1;
            k = 0;
        }
    }
    return 0;
}
