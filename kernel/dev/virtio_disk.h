// virtio block device driver (virtio-mmio, modern interface, one queue).
#ifndef RVLAB_VIRTIO_DISK_H
#define RVLAB_VIRTIO_DISK_H

struct buf;

void virtio_disk_init(void);
void virtio_disk_rw(struct buf *b, int write); // sleeps until done
void virtio_disk_intr(void);

#endif
