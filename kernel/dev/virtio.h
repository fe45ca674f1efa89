// virtio-mmio device interface, as published in the virtio 1.1 specification
// (sections 2.1, 2.6, 4.2.2 and 5.2): register offsets of the MMIO transport,
// device status and feature bits, split virtqueue layout, block requests.
#pragma once

#include "kernel/types.h"

// MMIO register offsets from the device's base address (spec 4.2.2).
#define VIRTIO_MMIO_MAGIC_VALUE         0x000 // reads 0x74726976, "virt"
#define VIRTIO_MMIO_VERSION             0x004 // 2 for the modern interface
#define VIRTIO_MMIO_DEVICE_ID           0x008 // 2 for a block device
#define VIRTIO_MMIO_VENDOR_ID           0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES     0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES     0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL           0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX       0x034
#define VIRTIO_MMIO_QUEUE_NUM           0x038
#define VIRTIO_MMIO_QUEUE_READY         0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY        0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS    0x060
#define VIRTIO_MMIO_INTERRUPT_ACK       0x064
#define VIRTIO_MMIO_STATUS              0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW      0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH     0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW    0x090 // the available ring
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH   0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW    0x0a0 // the used ring
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH   0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION   0x0fc
#define VIRTIO_MMIO_CONFIG              0x100 // device-specific configuration

#define VIRTIO_MAGIC       0x74726976
#define VIRTIO_VERSION     2
#define VIRTIO_ID_BLOCK    2
#define VIRTIO_SECTOR_SIZE 512

// Device status bits (spec 2.1), written in this order during setup.
#define VIRTIO_STATUS_ACKNOWLEDGE        1
#define VIRTIO_STATUS_DRIVER             2
#define VIRTIO_STATUS_DRIVER_OK          4
#define VIRTIO_STATUS_FEATURES_OK        8
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED             128

// Block device feature bits (spec 5.2.3).
#define VIRTIO_BLK_F_RO         5  // device is read-only
#define VIRTIO_BLK_F_SCSI       7  // legacy SCSI command passthrough
#define VIRTIO_BLK_F_CONFIG_WCE 11 // writeback mode in config space
#define VIRTIO_BLK_F_MQ         12 // more than one virtqueue

// Device-independent feature bits (spec 6).
#define VIRTIO_F_ANY_LAYOUT         27
#define VIRTIO_RING_F_INDIRECT_DESC 28
#define VIRTIO_RING_F_EVENT_IDX     29
#define VIRTIO_F_VERSION_1          32 // in the second 32-bit feature word

// Split virtqueue: a descriptor names one buffer (spec 2.6.5).
struct virtq_desc {
  uint64 addr; // physical address
  uint32 len;
  uint16 flags;
  uint16 next; // index of the next descriptor when VIRTQ_DESC_F_NEXT
};
#define VIRTQ_DESC_F_NEXT  1 // the chain continues in next
#define VIRTQ_DESC_F_WRITE 2 // the device writes (rather than reads) the buffer

// The number of descriptors in our one queue; a power of two, as required.
#define VIRTIO_NUM 8

// The available ring: heads of chains the driver offers the device.
struct virtq_avail {
  uint16 flags;
  uint16 idx; // where the driver puts the next entry, modulo VIRTIO_NUM
  uint16 ring[VIRTIO_NUM];
  uint16 used_event;
};

// One entry of the used ring: the head of a chain the device has finished.
struct virtq_used_elem {
  uint32 id;
  uint32 len;
};

// The used ring: chains the device hands back.
struct virtq_used {
  uint16 flags;
  uint16 idx; // where the device puts the next entry, modulo VIRTIO_NUM
  struct virtq_used_elem ring[VIRTIO_NUM];
  uint16 avail_event;
};

// Block request types (spec 5.2.6).
#define VIRTIO_BLK_T_IN  0 // read from the disk
#define VIRTIO_BLK_T_OUT 1 // write to the disk

// The request header, the first descriptor of every block request.
struct virtio_blk_req {
  uint32 type; // VIRTIO_BLK_T_IN or VIRTIO_BLK_T_OUT
  uint32 reserved;
  uint64 sector; // in VIRTIO_SECTOR_SIZE units
};

// Values of the status byte the device writes at the end of a request.
#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2
