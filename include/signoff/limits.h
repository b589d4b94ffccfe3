/* limits.h: every cap on what input can make grow (STYLE "Input limits"). Past a cap the
 * input is refused with FILE:LINE and exit 65, never a crash. Listed in README.md
 * ("Input limits"), each with the test that hits it (tests/scripts/hostile.sh). */
#ifndef SIGNOFF_LIMITS_H
#define SIGNOFF_LIMITS_H

/* Files read line by line (JSON Lines): only one line is held at a time. An over-long
 * line ends the reading of that file (a stream without newlines, like /dev/zero, must
 * not run forever). */
#define SG_MAX_LINE_BYTES (1u << 20) /* one JSON Lines record: 1 MiB */
#define SG_MAX_LINE_TEXT "1 MiB"

/* Files read whole (a .json input, an imported document): the text and jansson's tree
 * are held at once. Measured: a 52 MB .json estate peaks at 585 MB (the same records as
 * JSON Lines: 132 MB), so this cap bounds a run at about 3 GB; JSON Lines is the format
 * for big exports. */
#define SG_MAX_JSON_FILE_BYTES (256u << 20) /* one .json file or imported document */
#define SG_MAX_JSON_FILE_TEXT "256 MiB"
#define SG_MAX_SETTINGS_BYTES (1u << 20) /* a --settings file: 1 MiB */
#define SG_MAX_SETTINGS_TEXT "1 MiB"
#define SG_MAX_MAPPING_FILE_BYTES (16u << 20) /* a mapping or catalog file: 16 MiB */
#define SG_MAX_MAPPING_FILE_TEXT "16 MiB"

/* Within one JSON value. jansson itself refuses nesting past 2048 while parsing (so
 * 100 000 brackets never recurse); ours is the stricter cap after parsing. */
#define SG_MAX_JSON_DEPTH 32            /* nesting of arrays and objects */
#define SG_MAX_STRING_BYTES (64u << 10) /* one string or key, after decoding: 64 KiB */
#define SG_MAX_ID_BYTES 1024            /* one id or field naming one */
#define SG_MAX_ARRAY_ITEMS 10000        /* targets, vulns, roles, ... in one record */

#define SG_MAX_MESSAGES 100 /* error messages printed per run (SPEC §8) */

#endif
