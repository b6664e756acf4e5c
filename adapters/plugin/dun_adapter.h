/* dun_adapter.h — the C ABI of a dun delivery adapter built as a shared library (a "plugin").
 *
 * A plugin is loaded by path from dun.toml without recompiling dun:
 *
 *   [adapters.letter]
 *   kind = "plugin"
 *   path = "plugins/libdun_example.so"   # relative to dun.toml's folder
 *   dir = "out/spool"                     # every other setting goes to the plugin's create()
 *
 * This header is plain C (C99 and C++ compatible) and uses no dun type, so a plugin needs this
 * file only: no dun library is linked. docs/adapters.md ("Plugins") has a complete example.
 *
 * The contract, in one place:
 * - The plugin exports one function, dun_adapter_entry(), returning a pointer to a table with
 *   static storage duration (never freed). dun reads `abi_version` first, and loads the plugin
 *   only when it equals the DUN_ADAPTER_ABI_VERSION of the dun loading it: any change to a struct
 *   or a function of this header is a new version, so a plugin built against another version is
 *   refused with a message naming both, never called.
 * - Strings are UTF-8 and NUL-terminated. Everything dun passes in (settings, views, their arrays
 *   and strings) is owned by dun and valid only during the call: a plugin copies what it keeps.
 * - Everything a plugin passes out goes into buffers owned by dun (error, result, detail), of the
 *   size given; the plugin writes a NUL-terminated string of at most size - 1 bytes (dun ends
 *   the buffer with a NUL whatever the plugin wrote). No memory crosses the boundary the other
 *   way, so there is no release function: nothing allocated by one side is freed by the other.
 * - The instance returned by create() is owned by dun until it passes it to destroy(); dun
 *   calls every function of one loaded plugin from a single thread, never two at once.
 * - A function must not throw (C++ plugins catch everything at the boundary) and should not
 *   exit the process: a crash in a plugin is a crash of dun (the delivery in flight is then
 *   recorded as an uncertain outcome on the next run).
 */
#ifndef DUN_ADAPTER_H
#define DUN_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

/* The version of everything below. dun loads a plugin only when its table says the same. */
#define DUN_ADAPTER_ABI_VERSION 1

/* The name dun looks up with dlsym. */
#define DUN_ADAPTER_ENTRY_SYMBOL "dun_adapter_entry"

/* The size of every text buffer dun hands a plugin to write into (error, provider_ref, detail),
 * including the terminating NUL. */
#define DUN_ADAPTER_TEXT_SIZE 1024
/* The size of dun_create_error.setting (a setting's name), including the NUL. */
#define DUN_ADAPTER_KEY_SIZE 128

/* Marks the entry point as exported even when the plugin is built with -fvisibility=hidden. */
#if defined(_WIN32)
#define DUN_ADAPTER_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define DUN_ADAPTER_EXPORT __attribute__((visibility("default")))
#else
#define DUN_ADAPTER_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The outcome of one delivery, as dun's own adapters report it (adapters/adapter.hpp). Any other
 * value is treated by dun as DUN_OUTCOME_FAILED with a message saying the code is unknown. */
enum dun_outcome {
  /* Accepted by the server or provider (or written, for a spool): provider_ref says where. */
  DUN_OUTCOME_SENT = 0,
  /* Not delivered and certainly not received: dun retries later with backoff. */
  DUN_OUTCOME_FAILED = 1,
  /* Not delivered and never will be as it is (bad recipient, refused document): no retry. */
  DUN_OUTCOME_REJECTED = 2,
  /* Unknown (the connection was lost after the document was sent): dun may retry, always with
   * the same bytes and the same action id, which the plugin uses as its idempotency key. */
  DUN_OUTCOME_UNCERTAIN = 3
};

/* One setting of the [adapters.NAME] table, as text (numbers and booleans in their TOML text:
 * "25", "true"). `kind` and `path` are dun's and are not passed. */
struct dun_setting {
  const char* key;
  const char* value;
};

/* Why create() refused the settings. dun zero-fills it before the call. */
struct dun_create_error {
  /* The setting at fault ("" when none in particular, e.g. a missing one): dun points the
   * error at that setting's dun.toml line. */
  char setting[DUN_ADAPTER_KEY_SIZE];
  /* What is wrong and what to write instead, e.g. "needs dir (e.g. dir = \"out/spool\")". */
  char message[DUN_ADAPTER_TEXT_SIZE];
};

/* The action to deliver (data-model.md, "Actions"). Every pointer is non-NULL unless said;
 * arrays of `count` strings may be NULL when count is 0. */
struct dun_action_view {
  const char* id;              /* the idempotency key: the same on every retry of this action */
  const char* date;            /* "YYYY-MM-DD": the day the step fired (the document's date) */
  const char* scenario;        /* "standard_b2b" */
  const char* step;            /* "first" */
  const char* channel;         /* "email" or "letter" */
  const char* letter_type;     /* letters: "standard", "registered" or "electronic"; NULL: email */
  const char* mode;            /* "auto" or "confirm" */
  const char* customer;        /* "C0042" */
  const char* const* invoices; /* sorted, no duplicates */
  size_t invoice_count;
  const char* template_name; /* the template's name, "first_reminder" */
  const char* language;      /* "fr" */
  const char* to;            /* the recipient's email address; "" when none */
  const char* const* copy;   /* the copy addresses */
  size_t copy_count;
};

/* The action's rendered document, the same bytes on every retry. */
struct dun_document_view {
  const char* content_type;   /* "message/rfc822" (an email) or "application/pdf" (a letter) */
  const unsigned char* bytes; /* the RFC 5322 message or the PDF; may contain NUL bytes */
  size_t size;                /* of bytes */
  /* Emails: the SMTP envelope (MAIL FROM, and RCPT TO: the To and every Cc). "" / 0 for letters. */
  const char* envelope_from;
  const char* const* envelope_to;
  size_t envelope_to_count;
  /* Letters: the addresses printed on the letter, for providers that take them separately. */
  const char* recipient_name;
  const char* const* recipient_address_lines;
  size_t recipient_address_line_count;
  const char* recipient_country; /* ISO 3166 alpha-2, "" when unknown */
  const char* sender_name;       /* the company */
  const char* const* sender_address_lines;
  size_t sender_address_line_count;
};

/* What deliver() reports. dun zero-fills it and sets outcome to DUN_OUTCOME_FAILED before the
 * call, so a plugin that writes nothing has failed. */
struct dun_delivery_result {
  int32_t outcome;                          /* an enum dun_outcome value */
  char provider_ref[DUN_ADAPTER_TEXT_SIZE]; /* sent: the provider's id, the file written, … */
  char error[DUN_ADAPTER_TEXT_SIZE];        /* not sent: why, for the operator */
};

/* An instance of the adapter, defined by the plugin (dun only passes the pointer around). */
struct dun_adapter_instance;

/* The table dun_adapter_entry() returns. `abi_version` stays the first member in every version
 * of this header, so dun can read it whatever version the plugin was built against. */
struct dun_adapter_v1 {
  uint32_t abi_version; /* DUN_ADAPTER_ABI_VERSION */
  const char* kind;     /* the plugin's own name for what it does ("spool"), for messages */

  /* Validates the settings and makes an instance, doing no I/O (no connection, no file: check()
   * and deliver() do that). `config_dir` is the absolute folder of dun.toml, against which
   * relative paths in settings are meant. On failure returns NULL and fills `error`. */
  struct dun_adapter_instance* (*create)(const struct dun_setting* settings, size_t setting_count,
                                         const char* config_dir, struct dun_create_error* error);

  /* Delivers one action's document and fills `result`. Must not block forever: a plugin that
   * talks to a network sets its own timeouts. */
  void (*deliver)(struct dun_adapter_instance* instance, const struct dun_action_view* action,
                  const struct dun_document_view* document, struct dun_delivery_result* result);

  /* `dun adapters check`: a live check (the server answers, the folder is writable). Returns 1
   * when connected, 0 when not; `detail` (DUN_ADAPTER_TEXT_SIZE bytes, zero-filled) says what
   * was checked or why it is not connected. */
  int (*check)(struct dun_adapter_instance* instance, char* detail, size_t detail_size);

  /* Frees the instance. Called once, last; dun unloads the library afterwards. */
  void (*destroy)(struct dun_adapter_instance* instance);
};

/* The one exported function of a plugin. Returns the same static table on every call. */
DUN_ADAPTER_EXPORT const struct dun_adapter_v1* dun_adapter_entry(void);

/* The type of dun_adapter_entry, for dlsym. */
typedef const struct dun_adapter_v1* (*dun_adapter_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* DUN_ADAPTER_H */
