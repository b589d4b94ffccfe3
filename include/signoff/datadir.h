/* datadir.h: where signoff's own data (mappings/, templates/) lives. In order:
 * $SIGNOFF_DATADIR (when set and not empty, used as it is); share/signoff beside the
 * running binary's bin/ (so an installed prefix can be anywhere, or moved); the source
 * tree the binary was built from; the install datadir configured at build time. Of the
 * last three, the first that holds a mappings/ folder wins. */
#ifndef SIGNOFF_DATADIR_H
#define SIGNOFF_DATADIR_H

/* Borrowed: a static string valid for the life of the process. */
const char *sg_datadir(void);
/* New: free(). sg_datadir()/sub. */
char *sg_datadir_path(const char *sub);
/* "0.1.0"; static. */
const char *sg_version(void);

#endif
