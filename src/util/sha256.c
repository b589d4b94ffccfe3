/* util/sha256.c: SHA-256 through libcrypto's EVP interface. */
#include "signoff/sha256.h"
#include "signoff/infile.h"
#include "signoff/xalloc.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct sg_sha256 {
    EVP_MD_CTX *ctx;
};

/* The algorithm fetched once: EVP_sha256() makes every EVP_DigestInit_ex look it up
 * in the default library context again, under a lock, which cost more than hashing
 * the short ids of package.xml (sg_xml_id, twice per judged item). */
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static EVP_MD *md_sha256;

static void md_fetch(void)
{
    md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *sha256_md(void)
{
    pthread_once(&md_once, md_fetch);
    if (md_sha256 == NULL) {
        fputs("signoff: cannot initialise SHA-256\n", stderr);
        exit(70);
    }
    return md_sha256;
}

struct sg_sha256 *sg_sha256_new(void)
{
    struct sg_sha256 *h = sg_xmalloc(sizeof(*h));
    h->ctx = EVP_MD_CTX_new();
    if (h->ctx == NULL || EVP_DigestInit_ex(h->ctx, sha256_md(), NULL) != 1) {
        fputs("signoff: cannot initialise SHA-256\n", stderr);
        exit(70);
    }
    return h;
}

void sg_sha256_update(struct sg_sha256 *h, const void *p, size_t n)
{
    EVP_DigestUpdate(h->ctx, p, n);
}

void sg_sha256_final(struct sg_sha256 *h, char hex[SG_SHA256_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    static const char digits[] = "0123456789abcdef";

    EVP_DigestFinal_ex(h->ctx, md, &len);
    for (unsigned int i = 0; i < len && i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
    EVP_MD_CTX_free(h->ctx);
    free(h);
}

void sg_sha256_hex(const void *p, size_t n, char hex[SG_SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;

    if (EVP_Digest(p, n, md, &len, sha256_md(), NULL) != 1 || len != 32) {
        fputs("signoff: cannot compute SHA-256\n", stderr);
        exit(70);
    }
    for (unsigned int i = 0; i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}

int sg_sha256_file(const char *path, char hex[SG_SHA256_HEX], long long *size)
{
    FILE *fp = sg_infile_open(path); /* a planted FIFO must not hang verify */
    char buf[1 << 16];
    size_t n;
    long long total = 0;
    struct sg_sha256 *h;

    if (fp == NULL)
        return -1;
    h = sg_sha256_new();
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
        sg_sha256_update(h, buf, n);
        total += (long long)n;
    }
    sg_sha256_final(h, hex);
    if (ferror(fp)) {
        fclose(fp);
        return -1;
    }
    fclose(fp);
    if (size != NULL)
        *size = total;
    return 0;
}
