/* Reading a submission's tar stream ourselves rather than unpacking it with
 * tar: an archive is a student's, and tar run as root keeps links, device
 * nodes and setuid bits. This reader writes nothing itself; for each member
 * it asks the caller whether to take it, and only then copies its bytes, so
 * nothing but what the caller chose ever reaches the disk. */
#pragma once

#include <stddef.h>

struct untar_limits {
  long long total_bytes; /* bytes of the whole (uncompressed) stream */
  long entries;          /* members, headers of long names included */
};

/* Called for each member with its name (long and pax names resolved),
 * whether it is a regular file and its size. Returns a file descriptor that
 * receives the member's bytes (closed by untar_read), or -1 to skip it. */
typedef int (*untar_take_fn)(void *ctx, const char *name, int regular, long long size);

/* Reads the tar stream on fd to its end. 0, or -1 with the reason in why
 * (a damaged header, a truncated member, a limit passed). */
int untar_read(int fd, const struct untar_limits *lim, untar_take_fn take, void *ctx, char *why,
               size_t whylen);
