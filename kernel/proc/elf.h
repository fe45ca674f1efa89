// The parts of the ELF64 format that exec needs: the file header and the
// program headers that say what to load where (System V ABI, ELF-64 Object
// File Format, version 1.5). Field names follow the specification's.
#pragma once

#include "kernel/types.h"

// e_ident: the first four bytes are 0x7f 'E' 'L' 'F'; then the class.
#define ELF_MAG0      0x7f
#define ELF_MAG1      'E'
#define ELF_MAG2      'L'
#define ELF_MAG3      'F'
#define ELF_EI_CLASS  4
#define ELF_CLASS64   2 // 64-bit objects
#define ELF_EI_NIDENT 16
#define ELF_EM_RISCV  243 // e_machine for RISC-V
#define ELF_PT_LOAD   1   // p_type: a segment to load into memory
#define ELF_PF_X      0x1 // p_flags: execute
#define ELF_PF_W      0x2 // p_flags: write
#define ELF_PF_R      0x4 // p_flags: read

// The file header, at offset 0.
struct elf64_ehdr {
  uchar e_ident[ELF_EI_NIDENT]; // magic, class, data encoding, version, OS ABI
  ushort e_type;                // executable, shared object, ...
  ushort e_machine;             // target architecture
  uint e_version;
  uint64 e_entry;     // virtual address of the first instruction
  uint64 e_phoff;     // file offset of the program header table
  uint64 e_shoff;     // file offset of the section header table
  uint e_flags;       // architecture-specific (RISC-V: float ABI, RVC)
  ushort e_ehsize;    // size of this header
  ushort e_phentsize; // size of one program header
  ushort e_phnum;     // number of program headers
  ushort e_shentsize;
  ushort e_shnum;
  ushort e_shstrndx;
};

// One program header: a segment of the file and where it goes in memory.
struct elf64_phdr {
  uint p_type;     // ELF_PT_LOAD, or something exec ignores
  uint p_flags;    // ELF_PF_* permissions
  uint64 p_offset; // where the segment's bytes start in the file
  uint64 p_vaddr;  // where they go in memory
  uint64 p_paddr;  // unused
  uint64 p_filesz; // bytes in the file
  uint64 p_memsz;  // bytes in memory; the rest past p_filesz is zero
  uint64 p_align;
};
