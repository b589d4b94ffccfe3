/* sha256.h: SHA-256 by libcrypto (EVP), streaming, lower-case hex out. */
#ifndef SIGNOFF_SHA256_H
#define SIGNOFF_SHA256_H

#include <stddef.h>

#define SG_SHA256_HEX 65 /* 64 hex digits + NUL */

struct sg_sha256;
/* New: sg_sha256_free() (or _final, which frees). */
struct sg_sha256 *sg_sha256_new(void);
void sg_sha256_update(struct sg_sha256 *h, const void *p, size_t n);
/* Writes the hex digest and frees h. */
void sg_sha256_final(struct sg_sha256 *h, char hex[SG_SHA256_HEX]);
void sg_sha256_hex(const void *p, size_t n, char hex[SG_SHA256_HEX]);
/* Hashes a whole file; returns 0 or -1 with errno. size may be NULL. */
int sg_sha256_file(const char *path, char hex[SG_SHA256_HEX], long long *size);

#endif
