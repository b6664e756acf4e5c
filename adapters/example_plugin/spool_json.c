#include "spool_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void spool_buffer_free(struct spool_buffer* buffer) {
  free(buffer->data);
  buffer->data = NULL;
  buffer->size = buffer->capacity = 0;
}

static void append(struct spool_buffer* buffer, const char* bytes, size_t length) {
  if (buffer->out_of_memory) return;
  if (buffer->size + length + 1 > buffer->capacity) {
    size_t capacity = buffer->capacity == 0 ? 1024 : buffer->capacity;
    char* grown;
    while (buffer->size + length + 1 > capacity) capacity *= 2;
    grown = (char*)realloc(buffer->data, capacity);
    if (grown == NULL) {
      buffer->out_of_memory = 1;
      return;
    }
    buffer->data = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->size, bytes, length);
  buffer->size += length;
  buffer->data[buffer->size] = '\0';
}

static void put_text(struct spool_buffer* buffer, const char* literal) {
  append(buffer, literal, strlen(literal));
}

/* A JSON string, or null for a NULL pointer. */
static void put_string(struct spool_buffer* buffer, const char* value) {
  const unsigned char* cursor = (const unsigned char*)value;
  if (value == NULL) {
    put_text(buffer, "null");
    return;
  }
  put_text(buffer, "\"");
  for (; *cursor != '\0'; ++cursor) {
    char escaped[8];
    switch (*cursor) {
      case '"':
        put_text(buffer, "\\\"");
        break;
      case '\\':
        put_text(buffer, "\\\\");
        break;
      case '\n':
        put_text(buffer, "\\n");
        break;
      case '\r':
        put_text(buffer, "\\r");
        break;
      case '\t':
        put_text(buffer, "\\t");
        break;
      default:
        if (*cursor < 0x20) {
          snprintf(escaped, sizeof escaped, "\\u%04x", (unsigned)*cursor);
          put_text(buffer, escaped);
        } else {
          append(buffer, (const char*)cursor, 1);
        }
    }
  }
  put_text(buffer, "\"");
}

static void put_strings(struct spool_buffer* buffer, const char* const* values, size_t count) {
  size_t index;
  put_text(buffer, "[");
  for (index = 0; index < count; ++index) {
    if (index > 0) put_text(buffer, ",");
    put_string(buffer, values[index]);
  }
  put_text(buffer, "]");
}

/* ,"key": — every member but the first of an object. */
static void put_key(struct spool_buffer* buffer, const char* name) {
  put_text(buffer, ",");
  put_string(buffer, name);
  put_text(buffer, ":");
}

/* ,"key":"value" */
static void put_member(struct spool_buffer* buffer, const char* name, const char* value) {
  put_key(buffer, name);
  put_string(buffer, value);
}

/* {"name":…,"address_lines":[…] — left open for the caller's other members. */
static void put_party(struct spool_buffer* buffer, const char* name, const char* const* lines,
                      size_t line_count) {
  put_text(buffer, "{\"name\":");
  put_string(buffer, name);
  put_key(buffer, "address_lines");
  put_strings(buffer, lines, line_count);
}

static void document_object(struct spool_buffer* buffer, const struct dun_document_view* document,
                            const char* document_file) {
  char size[32];
  snprintf(size, sizeof size, "%lu", (unsigned long)document->size);
  put_text(buffer, "{\"file\":");
  put_string(buffer, document_file);
  put_member(buffer, "content_type", document->content_type);
  put_key(buffer, "size");
  put_text(buffer, size);
  put_member(buffer, "envelope_from", document->envelope_from);
  put_key(buffer, "envelope_to");
  put_strings(buffer, document->envelope_to, document->envelope_to_count);
  put_key(buffer, "recipient");
  put_party(buffer, document->recipient_name, document->recipient_address_lines,
            document->recipient_address_line_count);
  put_member(buffer, "country", document->recipient_country);
  put_text(buffer, "}");
  put_key(buffer, "sender");
  put_party(buffer, document->sender_name, document->sender_address_lines,
            document->sender_address_line_count);
  put_text(buffer, "}}");
}

int spool_sidecar_json(struct spool_buffer* buffer, const struct dun_action_view* action,
                       const struct dun_document_view* document, const char* document_file) {
  put_text(buffer, "{\"id\":");
  put_string(buffer, action->id);
  put_member(buffer, "date", action->date);
  put_member(buffer, "scenario", action->scenario);
  put_member(buffer, "step", action->step);
  put_member(buffer, "channel", action->channel);
  put_member(buffer, "letter_type", action->letter_type);
  put_member(buffer, "mode", action->mode);
  put_member(buffer, "customer", action->customer);
  put_key(buffer, "invoices");
  put_strings(buffer, action->invoices, action->invoice_count);
  put_member(buffer, "template", action->template_name);
  put_member(buffer, "language", action->language);
  put_member(buffer, "to", action->to);
  put_key(buffer, "copy");
  put_strings(buffer, action->copy, action->copy_count);
  put_key(buffer, "document");
  document_object(buffer, document, document_file);
  put_text(buffer, "}\n");
  return buffer->out_of_memory ? -1 : 0;
}
