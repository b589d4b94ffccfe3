/* datadir.h: where signoff's own data (mappings/, templates/) lives. In order:
 * $SIGNOFF_DATADIR, the installed share/signoff, the source tree the binary was built
 * from. The first that holds a mappings/ folder wins. */
#ifndef SIGNOFF_DATADIR_H
#define SIGNOFF_DATADIR_H

/* Borrowed: a static string valid for the life of the process. */
const char *sg_datadir(void);
/* New: free(). sg_datadir()/sub. */
char *sg_datadir_path(const char *sub);
/* "0.1.0"; static. */
const char *sg_version(void);

#endif
