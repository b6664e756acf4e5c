/* The example dun adapter plugin: a spool folder. Each delivered action's document is written to
 * `dir` as ACTION_ID.eml (emails) or ACTION_ID.pdf (letters), then its JSON sidecar
 * ACTION_ID.json (the action and the document's envelope and addresses), both atomically. The
 * sidecar comes last, so a program that picks up work from the folder takes an ID.json as the
 * sign that ID's document is complete. The same action always writes the same files with the
 * same bytes, so a retry never makes a second document.
 *
 *   [adapters.letter]
 *   kind = "plugin"
 *   path = "plugins/libdun_example.so"
 *   dir = "out/spool"   # required; relative to dun.toml's folder
 *   fsync = true        # optional: false skips the fsyncs (faster, not crash-safe)
 *
 * Built against adapters/plugin/dun_adapter.h alone (no dun library), as a third party would. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dun_adapter.h"
#include "spool_files.h"
#include "spool_json.h"

struct dun_adapter_instance {
  char* folder; /* absolute, malloc'd */
  int sync;
};

static int refuse(struct dun_create_error* error, const char* setting, const char* message) {
  snprintf(error->setting, sizeof error->setting, "%s", setting);
  snprintf(error->message, sizeof error->message, "%s", message);
  return -1;
}

/* Reads the settings into `folder` (as written) and `sync`. */
static int read_settings(const struct dun_setting* settings, size_t count, const char** folder,
                         int* sync, struct dun_create_error* error) {
  size_t index;
  *folder = NULL;
  *sync = 1;
  for (index = 0; index < count; ++index) {
    const char* key = settings[index].key;
    const char* value = settings[index].value;
    if (strcmp(key, "dir") == 0) {
      if (value[0] == '\0') return refuse(error, key, "must not be empty");
      *folder = value;
    } else if (strcmp(key, "fsync") == 0) {
      if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
        return refuse(error, key, "must be true or false");
      }
      *sync = strcmp(value, "true") == 0;
    } else {
      return refuse(error, key, "unknown setting of the spool plugin (it reads dir and fsync)");
    }
  }
  if (*folder == NULL) return refuse(error, "", "needs dir (e.g. dir = \"out/spool\")");
  return 0;
}

static struct dun_adapter_instance* spool_create(const struct dun_setting* settings,
                                                 size_t setting_count, const char* config_dir,
                                                 struct dun_create_error* error) {
  const char* folder;
  int sync;
  struct dun_adapter_instance* instance;
  size_t length;
  if (read_settings(settings, setting_count, &folder, &sync, error) != 0) return NULL;
  instance = (struct dun_adapter_instance*)calloc(1, sizeof *instance);
  length = strlen(config_dir) + 1 + strlen(folder) + 1;
  if (instance == NULL || (instance->folder = (char*)malloc(length)) == NULL) {
    free(instance);
    refuse(error, "", "out of memory");
    return NULL;
  }
  if (folder[0] == '/') {
    snprintf(instance->folder, length, "%s", folder);
  } else {
    snprintf(instance->folder, length, "%s/%s", config_dir, folder);
  }
  instance->sync = sync;
  return instance;
}

static void spool_destroy(struct dun_adapter_instance* instance) {
  if (instance == NULL) return;
  free(instance->folder);
  free(instance);
}

/* An action id becomes a file name: only letters, digits, '-' and '_' are let through. */
static int safe_file_stem(const char* id) {
  const char* cursor;
  if (id[0] == '\0' || strlen(id) > 128) return 0;
  for (cursor = id; *cursor != '\0'; ++cursor) {
    const char c = *cursor;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_')) {
      return 0;
    }
  }
  return 1;
}

static const char* extension_of(const char* content_type) {
  if (strcmp(content_type, "message/rfc822") == 0) return ".eml";
  if (strcmp(content_type, "application/pdf") == 0) return ".pdf";
  return NULL;
}

static void spool_deliver(struct dun_adapter_instance* instance,
                          const struct dun_action_view* action,
                          const struct dun_document_view* document,
                          struct dun_delivery_result* result) {
  const char* extension = extension_of(document->content_type);
  char document_name[160];
  char sidecar_name[160];
  struct spool_buffer sidecar = {NULL, 0, 0, 0};
  int written;
  /* Rejected, not failed: the same action would be refused again on every retry. */
  if (extension == NULL) {
    result->outcome = DUN_OUTCOME_REJECTED;
    snprintf(result->error, sizeof result->error, "the spool plugin does not take %s documents",
             document->content_type);
    return;
  }
  if (!safe_file_stem(action->id)) {
    result->outcome = DUN_OUTCOME_REJECTED;
    snprintf(result->error, sizeof result->error,
             "action id \"%.200s\" cannot name a file (letters, digits, - and _ only)", action->id);
    return;
  }
  snprintf(document_name, sizeof document_name, "%s%s", action->id, extension);
  snprintf(sidecar_name, sizeof sidecar_name, "%s.json", action->id);
  if (spool_sidecar_json(&sidecar, action, document, document_name) != 0) {
    spool_buffer_free(&sidecar);
    result->outcome = DUN_OUTCOME_FAILED;
    snprintf(result->error, sizeof result->error, "out of memory writing the sidecar");
    return;
  }
  /* Failed on any file error: nothing complete was handed over (no sidecar yet), and a retry
   * rewrites the same two files. */
  written = spool_make_folder(instance->folder, result->error, sizeof result->error) == 0 &&
            spool_write_file(instance->folder, document_name, document->bytes, document->size,
                             instance->sync, result->error, sizeof result->error) == 0 &&
            spool_write_file(instance->folder, sidecar_name, sidecar.data, sidecar.size,
                             instance->sync, result->error, sizeof result->error) == 0;
  spool_buffer_free(&sidecar);
  if (!written) {
    result->outcome = DUN_OUTCOME_FAILED;
    return;
  }
  result->outcome = DUN_OUTCOME_SENT;
  if (spool_join(result->provider_ref, sizeof result->provider_ref, instance->folder,
                 document_name) != 0) {
    snprintf(result->provider_ref, sizeof result->provider_ref, "%s", document_name);
  }
}

/* Connected when the folder exists (or can be made) and a file can be written and removed. */
static int spool_check(struct dun_adapter_instance* instance, char* detail, size_t detail_size) {
  char probe[64];
  char path[4096];
  if (spool_make_folder(instance->folder, detail, detail_size) != 0) return 0;
  snprintf(probe, sizeof probe, ".dun-check.%ld", (long)getpid());
  if (spool_write_file(instance->folder, probe, "", 0, 0, detail, detail_size) != 0) return 0;
  if (spool_join(path, sizeof path, instance->folder, probe) == 0) unlink(path);
  snprintf(detail, detail_size, "spool folder %s is writable", instance->folder);
  return 1;
}

static const struct dun_adapter_v1 spool_table = {
    DUN_ADAPTER_ABI_VERSION, "spool", spool_create, spool_deliver, spool_check, spool_destroy,
};

DUN_ADAPTER_EXPORT const struct dun_adapter_v1* dun_adapter_entry(void) { return &spool_table; }
