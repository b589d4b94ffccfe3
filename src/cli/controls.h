/* cli/controls.h: framework options shared by check and report (--controls,
 * --framework, --baseline, --mappings). */
#ifndef SIGNOFF_CLI_CONTROLS_H
#define SIGNOFF_CLI_CONTROLS_H

#include "signoff/map.h"

/* Parses a comma list of framework keys into sel[SG_FW__COUNT]; 64 when bad. */
int cli_frameworks_parse(unsigned char sel[SG_FW__COUNT], const char *list, const char *cmd);
/* Parses --baseline (NULL: none): 0 ok, else 64. */
int cli_baseline_parse(unsigned *out, const char *name, const char *cmd);
/* Loads the mapping files (dir NULL: shipped), printing problems; 0 or the exit code. */
int cli_mappings_load(struct sg_mapset **out, const char *dir);

#endif
