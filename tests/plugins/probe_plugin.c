/* A plugin for tests/plugin_adapter_test.cpp that does what its settings say, so the loader's
 * handling of every answer can be checked: it echoes its settings (provider_ref, check detail),
 * returns the outcome code it is told (also unknown ones), fills a buffer without a NUL, refuses
 * a setting, and marks its destruction in a file. Built a second time with
 * PROBE_PLUGIN_ABI_VERSION=99 to test the version check. */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dun_adapter.h"

#ifndef PROBE_PLUGIN_ABI_VERSION
#define PROBE_PLUGIN_ABI_VERSION DUN_ADAPTER_ABI_VERSION
#endif

struct dun_adapter_instance {
  char echo[DUN_ADAPTER_TEXT_SIZE]; /* "key=value;…|config_dir" */
  int outcome;
  int connected;
  int fill_error;
  char error[256];
  char destroy_marker[512];
};

static const char* setting(const struct dun_setting* settings, size_t count, const char* key) {
  size_t index;
  for (index = 0; index < count; ++index) {
    if (strcmp(settings[index].key, key) == 0) return settings[index].value;
  }
  return NULL;
}

static struct dun_adapter_instance* probe_create(const struct dun_setting* settings, size_t count,
                                                 const char* config_dir,
                                                 struct dun_create_error* error) {
  struct dun_adapter_instance* instance;
  const char* value;
  size_t index;
  size_t used = 0;
  if ((value = setting(settings, count, "refuse")) != NULL) {
    snprintf(error->setting, sizeof error->setting, "%s", value);
    snprintf(error->message, sizeof error->message, "refused as asked");
    return NULL;
  }
  if (setting(settings, count, "refuse_silently") != NULL) return NULL;
  instance = (struct dun_adapter_instance*)calloc(1, sizeof *instance);
  if (instance == NULL) return NULL;
  for (index = 0; index < count; ++index) {
    used += (size_t)snprintf(instance->echo + used, sizeof instance->echo - used, "%s=%s;",
                             settings[index].key, settings[index].value);
    if (used >= sizeof instance->echo) return instance;
  }
  snprintf(instance->echo + used, sizeof instance->echo - used, "|%s", config_dir);
  if ((value = setting(settings, count, "outcome")) != NULL) instance->outcome = atoi(value);
  if ((value = setting(settings, count, "error")) != NULL) {
    snprintf(instance->error, sizeof instance->error, "%s", value);
  }
  value = setting(settings, count, "connected");
  instance->connected = value == NULL || strcmp(value, "true") == 0;
  instance->fill_error = setting(settings, count, "fill_error") != NULL;
  if ((value = setting(settings, count, "destroy_marker")) != NULL) {
    snprintf(instance->destroy_marker, sizeof instance->destroy_marker, "%s", value);
  }
  return instance;
}

static void probe_deliver(struct dun_adapter_instance* instance,
                          const struct dun_action_view* action,
                          const struct dun_document_view* document,
                          struct dun_delivery_result* result) {
  result->outcome = instance->outcome;
  snprintf(result->provider_ref, sizeof result->provider_ref, "%s/%s/%lu", action->id,
           document->content_type, (unsigned long)document->size);
  if (instance->fill_error) {
    memset(result->error, 'x', sizeof result->error);
  } else {
    snprintf(result->error, sizeof result->error, "%s", instance->error);
  }
}

static int probe_check(struct dun_adapter_instance* instance, char* detail, size_t detail_size) {
  snprintf(detail, detail_size, "%s", instance->echo);
  return instance->connected;
}

static void probe_destroy(struct dun_adapter_instance* instance) {
  if (instance->destroy_marker[0] != '\0') {
    FILE* marker = fopen(instance->destroy_marker, "w");
    if (marker != NULL) fclose(marker);
  }
  free(instance);
}

static const struct dun_adapter_v1 probe_table = {
    PROBE_PLUGIN_ABI_VERSION, "probe", probe_create, probe_deliver, probe_check, probe_destroy,
};

DUN_ADAPTER_EXPORT const struct dun_adapter_v1* dun_adapter_entry(void) { return &probe_table; }
