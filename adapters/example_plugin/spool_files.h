/* Files of the spool plugin: folders made on demand and files replaced atomically, so a reader of
 * the spool folder never sees half a document, and a retry rewrites the same file. */
#ifndef DUN_SPOOL_FILES_H
#define DUN_SPOOL_FILES_H

#include <stddef.h>

/* Makes `folder` and its missing parents. Returns 0, or -1 with a message in `error`. */
int spool_make_folder(const char* folder, char* error, size_t error_size);

/* Writes `size` bytes to folder/name through a temporary file in the same folder renamed over
 * it (with fsync of the file and the folder when `sync` is set, so a crash leaves the old file
 * or the new one, never a torn one). Returns 0, or -1 with a message in `error`. */
int spool_write_file(const char* folder, const char* name, const void* bytes, size_t size, int sync,
                     char* error, size_t error_size);

/* Joins folder and name into `path` (of `path_size` bytes). Returns 0, or -1 when too long. */
int spool_join(char* path, size_t path_size, const char* folder, const char* name);

#endif
