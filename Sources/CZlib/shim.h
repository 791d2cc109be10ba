// The system zlib (apt: zlib1g-dev), for zip archives and Excel workbooks.
// inflateInit2 and deflateInit2 are macros Swift cannot call: wrapped here for raw
// deflate streams (no zlib or gzip header), as zip members hold them.
#include <zlib.h>

static inline int engage_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

static inline int engage_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
