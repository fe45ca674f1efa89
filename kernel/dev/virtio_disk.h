// virtio block device driver (virtio-mmio, modern interface, one queue).
#pragma once

struct buf;

void virtio_disk_init(void);
void virtio_disk_rw(struct buf *b, int write); // sleeps until done
void virtio_disk_intr(void);
