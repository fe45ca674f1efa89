// Driver for the virtio block device QEMU attaches at VIRTIO0, through the
// modern (version 2) virtio-mmio interface and one split virtqueue. Layouts
// and constants are in dev/virtio.h; the buffer cache (fs/bio.c) calls in.
#include <stddef.h>

#include "kernel/types.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/mm/kalloc.h"
#include "kernel/proc/proc.h"
#include "kernel/fs/buf.h"
#include "kernel/dev/virtio.h"
#include "kernel/dev/virtio_disk.h"

// The kernel maps RAM one-to-one, so the addresses of kalloc'd pages and of
// kernel data are the physical addresses the device needs.
static struct {
  struct spinlock lock; // guards every field below and the device's queue

  // The three parts of the virtqueue, one page each, shared with the device.
  struct virtq_desc *desc;
  struct virtq_avail *avail;
  struct virtq_used *used;

  char free[VIRTIO_NUM]; // is descriptor i unused?
  uint16 used_seen;      // used ring entries handled so far

  // Per in-flight request, indexed by its first descriptor: the buffer to
  // hand back, the status byte the device writes, and the request header.
  struct {
    struct buf *b;
    volatile uchar status;
  } info[VIRTIO_NUM];
  struct virtio_blk_req req[VIRTIO_NUM];
} disk;

static volatile uint32 *reg(int offset)
{
  return (volatile uint32 *)(VIRTIO0 + offset);
}

static void set_status(uint32 bit)
{
  *reg(VIRTIO_MMIO_STATUS) = *reg(VIRTIO_MMIO_STATUS) | bit;
}

// Accept the features we can use; refuse those that would change the layout
// or meaning of requests and rings. VERSION_1 must be accepted by a driver
// of a modern device.
static void negotiate_features(void)
{
  uint32 refused = (1u << VIRTIO_BLK_F_RO) | (1u << VIRTIO_BLK_F_SCSI) |
                   (1u << VIRTIO_BLK_F_CONFIG_WCE) | (1u << VIRTIO_BLK_F_MQ) |
                   (1u << VIRTIO_F_ANY_LAYOUT) | (1u << VIRTIO_RING_F_EVENT_IDX) |
                   (1u << VIRTIO_RING_F_INDIRECT_DESC);

  *reg(VIRTIO_MMIO_DEVICE_FEATURES_SEL) = 0;
  uint32 low = *reg(VIRTIO_MMIO_DEVICE_FEATURES) & ~refused;
  *reg(VIRTIO_MMIO_DEVICE_FEATURES_SEL) = 1;
  uint32 high = *reg(VIRTIO_MMIO_DEVICE_FEATURES) & (1u << (VIRTIO_F_VERSION_1 - 32));

  *reg(VIRTIO_MMIO_DRIVER_FEATURES_SEL) = 0;
  *reg(VIRTIO_MMIO_DRIVER_FEATURES) = low;
  *reg(VIRTIO_MMIO_DRIVER_FEATURES_SEL) = 1;
  *reg(VIRTIO_MMIO_DRIVER_FEATURES) = high;

  set_status(VIRTIO_STATUS_FEATURES_OK);
  if (!(*reg(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
    panic("virtio disk: device refused our features");
}

static void write_addr(int low_offset, void *p)
{
  uint64 pa = (uint64)p;

  *reg(low_offset) = (uint32)pa;
  *reg(low_offset + 4) = (uint32)(pa >> 32);
}

// Give the device queue 0, of VIRTIO_NUM descriptors in fresh zeroed pages.
static void setup_queue(void)
{
  *reg(VIRTIO_MMIO_QUEUE_SEL) = 0;
  if (*reg(VIRTIO_MMIO_QUEUE_READY))
    panic("virtio disk: queue 0 already in use");
  uint32 max = *reg(VIRTIO_MMIO_QUEUE_NUM_MAX);
  if (max < VIRTIO_NUM)
    panic("virtio disk: queue 0 too small");

  disk.desc = kalloc();
  disk.avail = kalloc();
  disk.used = kalloc();
  if (disk.desc == NULL || disk.avail == NULL || disk.used == NULL)
    panic("virtio disk: no memory for the queue");
  memset(disk.desc, 0, PGSIZE);
  memset(disk.avail, 0, PGSIZE);
  memset(disk.used, 0, PGSIZE);

  *reg(VIRTIO_MMIO_QUEUE_NUM) = VIRTIO_NUM;
  write_addr(VIRTIO_MMIO_QUEUE_DESC_LOW, disk.desc);
  write_addr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, disk.avail);
  write_addr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, disk.used);
  *reg(VIRTIO_MMIO_QUEUE_READY) = 1;

  for (int i = 0; i < VIRTIO_NUM; i++)
    disk.free[i] = 1;
}

// The initialisation sequence of virtio spec 3.1.1.
void virtio_disk_init(void)
{
  initlock(&disk.lock, "virtio_disk");

  if (*reg(VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MAGIC ||
      *reg(VIRTIO_MMIO_VERSION) != VIRTIO_VERSION || *reg(VIRTIO_MMIO_DEVICE_ID) != VIRTIO_ID_BLOCK)
    panic("virtio disk: no modern virtio block device at VIRTIO0");

  *reg(VIRTIO_MMIO_STATUS) = 0; // reset
  set_status(VIRTIO_STATUS_ACKNOWLEDGE);
  set_status(VIRTIO_STATUS_DRIVER);
  negotiate_features();
  setup_queue();
  set_status(VIRTIO_STATUS_DRIVER_OK);
}

// Take a free descriptor, or -1 if all are in use.
static int alloc_desc(void)
{
  for (int i = 0; i < VIRTIO_NUM; i++) {
    if (disk.free[i]) {
      disk.free[i] = 0;
      return i;
    }
  }
  return -1;
}

static void free_desc(int i)
{
  if (i < 0 || i >= VIRTIO_NUM || disk.free[i])
    panic("virtio disk: freeing a descriptor that is not in use");
  memset(&disk.desc[i], 0, sizeof(disk.desc[i]));
  disk.free[i] = 1;
  // A request may be sleeping in virtio_disk_rw for descriptors.
  wakeup(&disk.free[0]);
}

static void free_chain(int i)
{
  for (;;) {
    int flags = disk.desc[i].flags;
    int next = disk.desc[i].next;
    free_desc(i);
    if (!(flags & VIRTQ_DESC_F_NEXT))
      break;
    i = next;
  }
}

// Take three descriptors for one request, all or none. 0 or -1.
static int alloc3_desc(int idx[3])
{
  for (int i = 0; i < 3; i++) {
    idx[i] = alloc_desc();
    if (idx[i] < 0) {
      while (--i >= 0)
        free_desc(idx[i]);
      return -1;
    }
  }
  return 0;
}

static void set_desc(int i, void *addr, uint32 len, uint16 flags, uint16 next)
{
  disk.desc[i].addr = (uint64)addr;
  disk.desc[i].len = len;
  disk.desc[i].flags = flags;
  disk.desc[i].next = next;
}

// Offer the chain starting at head to the device, and tell it so.
static void submit(int head)
{
  disk.avail->ring[disk.avail->idx % VIRTIO_NUM] = head;
  // The device must see the ring entry before the index that publishes it.
  __sync_synchronize();
  disk.avail->idx += 1;
  __sync_synchronize();
  *reg(VIRTIO_MMIO_QUEUE_NOTIFY) = 0; // queue number
}

void virtio_disk_rw(struct buf *b, int write)
{
  int idx[3];

  acquire(&disk.lock);
  while (alloc3_desc(idx) < 0)
    sleep(&disk.free[0], &disk.lock);

  // A request is a chain: header (device reads), data (device reads for a
  // write, writes for a read), status byte (device writes).
  struct virtio_blk_req *req = &disk.req[idx[0]];
  req->type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
  req->reserved = 0;
  req->sector = (uint64)b->blockno * (BSIZE / VIRTIO_SECTOR_SIZE);
  set_desc(idx[0], req, sizeof(*req), VIRTQ_DESC_F_NEXT, idx[1]);
  set_desc(idx[1], b->data, BSIZE, VIRTQ_DESC_F_NEXT | (write ? 0 : VIRTQ_DESC_F_WRITE), idx[2]);
  disk.info[idx[0]].status = 0xff; // the device overwrites it with 0 on success
  set_desc(idx[2], (void *)&disk.info[idx[0]].status, 1, VIRTQ_DESC_F_WRITE, 0);

  b->disk = 1;
  disk.info[idx[0]].b = b;
  submit(idx[0]);

  // virtio_disk_intr clears b->disk when the device is done with b.
  while (b->disk == 1)
    sleep(b, &disk.lock);

  disk.info[idx[0]].b = NULL;
  free_chain(idx[0]);
  release(&disk.lock);
}

void virtio_disk_intr(void)
{
  acquire(&disk.lock);

  // Acknowledge first: a completion that lands while we walk the ring then
  // raises a new interrupt instead of being lost.
  *reg(VIRTIO_MMIO_INTERRUPT_ACK) = *reg(VIRTIO_MMIO_INTERRUPT_STATUS) & 0x3;
  __sync_synchronize();

  while (disk.used_seen != *(volatile uint16 *)&disk.used->idx) {
    // Read the entry only after seeing the index that published it.
    __sync_synchronize();
    uint32 id = disk.used->ring[disk.used_seen % VIRTIO_NUM].id;
    if (id >= VIRTIO_NUM || disk.info[id].b == NULL)
      panic("virtio disk: device completed an unknown request");
    if (disk.info[id].status != VIRTIO_BLK_S_OK)
      panic("virtio disk: I/O error");
    struct buf *b = disk.info[id].b;
    b->disk = 0;
    wakeup(b);
    disk.used_seen++;
  }

  release(&disk.lock);
}
