// System-wide limits, shared with user programs (xv6 ABI values).
#pragma once

#define NPROC       64                // maximum number of processes
#define NCPU        8                 // maximum number of harts the kernel supports
#define NOFILE      16                // open files per process
#define NFILE       100               // open files per system
#define NINODE      50                // maximum number of in-memory inodes
#define NDEV        10                // maximum major device number
#define ROOTDEV     1                 // device number of the file system root disk
#define MAXARG      32                // maximum exec arguments
#define MAXOPBLOCKS 10                // most blocks one file-system operation writes
#define LOGSIZE     (MAXOPBLOCKS * 3) // maximum data blocks in the on-disk log
#define NBUF        (MAXOPBLOCKS * 3) // size of the disk block cache
#define FSSIZE      2000              // size of the file system in blocks
#define MAXPATH     128               // maximum file path name
#define USERSTACK   1                 // user stack pages
