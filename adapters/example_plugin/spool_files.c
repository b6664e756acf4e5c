#define _POSIX_C_SOURCE 200809L

#include "spool_files.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

int spool_join(char* path, size_t path_size, const char* folder, const char* name) {
  const int written = snprintf(path, path_size, "%s/%s", folder, name);
  return written < 0 || (size_t)written >= path_size ? -1 : 0;
}

static int fail(char* error, size_t error_size, const char* what, const char* path, int code) {
  snprintf(error, error_size, "%s %s: %s", what, path, strerror(code));
  return -1;
}

int spool_make_folder(const char* folder, char* error, size_t error_size) {
  char path[PATH_MAX];
  const size_t length = strlen(folder);
  struct stat status;
  size_t end;
  if (length == 0 || length >= sizeof path) {
    snprintf(error, error_size, "spool folder path is empty or too long");
    return -1;
  }
  memcpy(path, folder, length + 1);
  /* Each prefix that ends at a '/', then the whole path. */
  for (end = 1; end <= length; ++end) {
    if (end < length && path[end] != '/') continue;
    path[end] = '\0';
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
      return fail(error, error_size, "cannot create folder", path, errno);
    }
    if (end < length) path[end] = '/';
  }
  if (stat(folder, &status) != 0) return fail(error, error_size, "cannot read", folder, errno);
  if (!S_ISDIR(status.st_mode)) {
    return fail(error, error_size, "spool path is not a folder:", folder, ENOTDIR);
  }
  return 0;
}

static int write_all(int descriptor, const unsigned char* bytes, size_t size) {
  while (size > 0) {
    const ssize_t written = write(descriptor, bytes, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    bytes += written;
    size -= (size_t)written;
  }
  return 0;
}

static int sync_folder(const char* folder) {
  const int descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int result;
  if (descriptor < 0) return -1;
  result = fsync(descriptor);
  close(descriptor);
  return result;
}

int spool_write_file(const char* folder, const char* name, const void* bytes, size_t size, int sync,
                     char* error, size_t error_size) {
  char target[PATH_MAX];
  char temporary_name[NAME_MAX + 1];
  char temporary[PATH_MAX];
  int descriptor;
  int code;
  /* The process id keeps two processes writing the same action from sharing a temporary file. */
  if (snprintf(temporary_name, sizeof temporary_name, ".%s.%ld.tmp", name, (long)getpid()) >=
          (int)sizeof temporary_name ||
      spool_join(target, sizeof target, folder, name) != 0 ||
      spool_join(temporary, sizeof temporary, folder, temporary_name) != 0) {
    snprintf(error, error_size, "spool file path too long in %s", folder);
    return -1;
  }
  descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (descriptor < 0) return fail(error, error_size, "cannot create", temporary, errno);
  if (write_all(descriptor, (const unsigned char*)bytes, size) != 0 ||
      (sync && fsync(descriptor) != 0)) {
    code = errno;
    close(descriptor);
    unlink(temporary);
    return fail(error, error_size, "cannot write", temporary, code);
  }
  if (close(descriptor) != 0) {
    code = errno;
    unlink(temporary);
    return fail(error, error_size, "cannot write", temporary, code);
  }
  if (rename(temporary, target) != 0) {
    code = errno;
    unlink(temporary);
    return fail(error, error_size, "cannot rename into", target, code);
  }
  if (sync && sync_folder(folder) != 0)
    return fail(error, error_size, "cannot sync", folder, errno);
  return 0;
}
