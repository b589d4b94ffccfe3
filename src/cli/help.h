/* cli/help.h: help texts (one per command, in the man page's words), --version and
 * "did you mean" suggestions. */
#ifndef SIGNOFF_CLI_HELP_H
#define SIGNOFF_CLI_HELP_H

/* cmd NULL: the overview. */
void cli_print_help(const char *cmd);
int cli_has_help(const char *cmd);
/* Returns "" or a static "; did you mean \"X\"?" for the nearest command. */
const char *cli_suggest(const char *word);
/* Returns "" or "; did you mean \"--X\"?" for the nearest of the NULL-terminated opts. */
const char *cli_suggest_option(const char *word, const char *const *opts);
void cli_print_version(void);

#endif
