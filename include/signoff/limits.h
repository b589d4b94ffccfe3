/* limits.h: every cap on what input can make grow (STYLE "Input limits"). Past a cap the
 * input is refused with FILE:LINE and exit 65, never a crash. Listed in README.md. */
#ifndef SIGNOFF_LIMITS_H
#define SIGNOFF_LIMITS_H

#define SG_MAX_LINE_BYTES (1u << 20)       /* one JSON Lines record: 1 MiB */
#define SG_MAX_JSON_FILE_BYTES (1u << 30)  /* one .json file: 1 GiB */
#define SG_MAX_JSON_DEPTH 32               /* nesting of arrays and objects */
#define SG_MAX_STRING_BYTES (64u << 10)    /* one string, after decoding: 64 KiB */
#define SG_MAX_ID_BYTES 1024               /* one id or field naming one */
#define SG_MAX_ARRAY_ITEMS 10000           /* targets, vulns, roles, ... in one record */
#define SG_MAX_MESSAGES 100                /* error messages printed per run (SPEC §8) */

#endif
