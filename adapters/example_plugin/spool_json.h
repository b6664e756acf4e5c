/* The JSON sidecar of the spool plugin: a growable text buffer and the few JSON writers the
 * sidecar needs (strings escaped per RFC 8259; the input is UTF-8 and passed through). */
#ifndef DUN_SPOOL_JSON_H
#define DUN_SPOOL_JSON_H

#include <stddef.h>

#include "dun_adapter.h"

struct spool_buffer {
  char* data;      /* malloc'd, owned by the buffer; free with spool_buffer_free */
  size_t size;     /* bytes used */
  size_t capacity; /* bytes allocated */
  int out_of_memory;
};

void spool_buffer_free(struct spool_buffer* buffer);

/* The sidecar of one delivered action: the action as data-model.md's JSON form (without status)
 * plus a "document" object (the file written, its content type and size, the envelope and the
 * addresses). Ends with a newline. Returns 0, or -1 when out of memory. */
int spool_sidecar_json(struct spool_buffer* buffer, const struct dun_action_view* action,
                       const struct dun_document_view* document, const char* document_file);

#endif
