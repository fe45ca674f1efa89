// exec: replace the current process's memory with a program loaded from an
// ELF file. Relies on the inode layer to read the file, on vm.c to build the
// new page table, and on copyout to lay out argv on the new user stack.
#include <stddef.h>
#include "kernel/types.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/memlayout.h"
#include "kernel/lib/string.h"
#include "kernel/fs/inode.h"
#include "kernel/fs/log.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/vm.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/alarm.h"
#include "kernel/proc/elf.h"

// Read n bytes at off in ip into the kernel buffer dst. 0, or -1 if the file
// is too short. The caller holds ip's lock, which guards ip->size.
static int read_exact(struct inode *ip, void *dst, uint64 off, uint64 n)
{
  if (off > ip->size || n > ip->size - off)
    return -1;
  return readi(ip, 0, (uint64)dst, (uint)off, (uint)n) == (int)n ? 0 : -1;
}

// Read and check the ELF header: a 64-bit RISC-V executable. 0 or -1.
static int read_header(struct inode *ip, struct elf64_ehdr *eh)
{
  if (read_exact(ip, eh, 0, sizeof(*eh)) != 0)
    return -1;
  if (eh->e_ident[0] != ELF_MAG0 || eh->e_ident[1] != ELF_MAG1 || eh->e_ident[2] != ELF_MAG2 ||
      eh->e_ident[3] != ELF_MAG3)
    return -1;
  if (eh->e_ident[ELF_EI_CLASS] != ELF_CLASS64 || eh->e_machine != ELF_EM_RISCV)
    return -1;
  if (eh->e_phentsize != sizeof(struct elf64_phdr))
    return -1;
  return 0;
}

// Page-table permissions for a segment: always readable by the user, plus
// what the file asks for. Text comes out R|X, data R|W.
static int segment_perm(uint flags)
{
  int perm = 0;
  if (flags & ELF_PF_X)
    perm |= PTE_X;
  if (flags & ELF_PF_W)
    perm |= PTE_W;
  return perm;
}

// Copy filesz bytes at file offset off into the freshly mapped pages at va
// (page aligned). 0 or -1.
static int load_bytes(pagetable_t pt, uint64 va, struct inode *ip, uint64 off, uint64 filesz)
{
  for (uint64 done = 0; done < filesz; done += PGSIZE) {
    uint64 pa = walkaddr(pt, va + done);
    if (pa == 0)
      return -1; // uvmalloc just mapped it: cannot happen
    uint64 n = filesz - done < PGSIZE ? filesz - done : PGSIZE;
    if (read_exact(ip, (void *)pa, off + done, n) != 0)
      return -1;
  }
  return 0;
}

// Map and fill one PT_LOAD segment, growing *sz to cover it. Segments must
// come in rising address order, start on their own page, and end low enough
// for the stack's guard page and USERSTACK pages to fit below USYSCALL.
// 0, or -1 with *sz covering exactly what is mapped.
static int load_segment(pagetable_t pt, uint64 *sz, struct inode *ip, struct elf64_phdr *ph)
{
  uint64 end = ph->p_vaddr + ph->p_memsz;
  if (ph->p_memsz < ph->p_filesz || end < ph->p_vaddr)
    return -1;
  if (ph->p_vaddr % PGSIZE != 0 || ph->p_vaddr < PGROUNDUP(*sz))
    return -1;
  if (end > USYSCALL - (USERSTACK + 1) * PGSIZE)
    return -1;
  // Every page from *sz up to end gets memory, the gap below the segment
  // too. A file can ask for far more than the machine has (a segment at
  // KERNBASE wants 2 GiB); refuse it before uvmalloc takes every free page
  // from everyone to find out. Free memory can still run out meanwhile: that
  // is uvmalloc's ordinary failure.
  if ((PGROUNDUP(end) - PGROUNDUP(*sz)) / PGSIZE > kalloc_nfree())
    return -1;

  uint64 newsz = uvmalloc(pt, *sz, end, segment_perm(ph->p_flags));
  if (newsz == 0)
    return -1;
  *sz = newsz;
  return load_bytes(pt, ph->p_vaddr, ip, ph->p_offset, ph->p_filesz);
}

// Load every PT_LOAD segment of the program into pt. 0 or -1; *sz is the
// size of what is mapped either way, so the caller can free it.
static int load_image(pagetable_t pt, uint64 *sz, struct inode *ip, struct elf64_ehdr *eh)
{
  for (uint i = 0; i < eh->e_phnum; i++) {
    struct elf64_phdr ph;
    if (read_exact(ip, &ph, eh->e_phoff + i * sizeof(ph), sizeof(ph)) != 0)
      return -1;
    // Other segment types (stack flags, RISC-V attributes) and empty loads
    // need no memory.
    if (ph.p_type != ELF_PT_LOAD || ph.p_memsz == 0)
      continue;
    if (load_segment(pt, sz, ip, &ph) != 0)
      return -1;
  }
  return 0;
}

// Map the user stack above the program: one guard page that user code
// cannot touch, then USERSTACK pages. Returns the stack top, or 0; *sz
// covers what is mapped either way.
static uint64 map_stack(pagetable_t pt, uint64 *sz)
{
  uint64 base = PGROUNDUP(*sz);
  uint64 top = uvmalloc(pt, base, base + (USERSTACK + 1) * PGSIZE, PTE_W);
  if (top == 0)
    return 0;
  *sz = top;
  uvmclear(pt, base);
  return top;
}

// Push argv's strings and then the NULL-terminated array of pointers to them
// onto the stack [stackbase, *sp), keeping sp 16-byte aligned as the RISC-V
// calling convention wants. Returns argc, or -1 if there are more than
// MAXARG arguments or they do not fit; *sp ends at the array.
static int push_args(pagetable_t pt, uint64 *sp, uint64 stackbase, char **argv)
{
  uint64 uargv[MAXARG + 1];
  uint64 s = *sp;
  int argc;

  for (argc = 0; argv[argc] != NULL; argc++) {
    if (argc >= MAXARG)
      return -1;
    uint64 len = strlen(argv[argc]) + 1;
    if (len > s - stackbase)
      return -1;
    s = (s - len) & ~(uint64)15;
    if (s < stackbase || copyout(pt, s, argv[argc], len) != 0)
      return -1;
    uargv[argc] = s;
  }
  uargv[argc] = 0;

  uint64 bytes = (argc + 1) * sizeof(uint64);
  if (bytes > s - stackbase)
    return -1;
  s = (s - bytes) & ~(uint64)15;
  if (s < stackbase || copyout(pt, s, uargv, bytes) != 0)
    return -1;
  *sp = s;
  return argc;
}

// Build the stack and arguments in pt, then swap the new image into p and
// free the old one. Returns argc, or -1 with p untouched.
static int finish_exec(struct proc *p, pagetable_t pt, uint64 sz, uint64 entry, char *path,
                       char **argv)
{
  uint64 sp = map_stack(pt, &sz);
  if (sp == 0) {
    proc_freepagetable(pt, sz);
    return -1;
  }
  int argc = push_args(pt, &sp, sp - USERSTACK * PGSIZE, argv);
  if (argc < 0) {
    proc_freepagetable(pt, sz);
    return -1;
  }

  // Nothing can fail from here on: commit to the new image.
  char *name = path;
  for (char *c = path; *c != '\0'; c++)
    if (*c == '/')
      name = c + 1;
  safestrcpy(p->name, name, sizeof(p->name));

  pagetable_t oldpt = p->pagetable;
  uint64 oldsz = p->sz;
  p->pagetable = pt;
  p->sz = sz;
  p->upcall.on = 0;          // the old image's fault handler is gone with it
  alarm_clear(p);            // and so is its alarm handler
  p->trapframe->epc = entry; // the program's first instruction
  p->trapframe->sp = sp;
  p->trapframe->a1 = sp; // argv for main(argc, argv); argc returns in a0
  proc_freepagetable(oldpt, oldsz);
  return argc;
}

int kexec(char *path, char **argv)
{
  struct proc *p = myproc();
  struct elf64_ehdr eh;
  pagetable_t pt = NULL;
  uint64 sz = 0;

  begin_op();
  struct inode *ip = namei(path);
  if (ip == NULL) {
    end_op();
    return -1;
  }
  ilock(ip);
  if (read_header(ip, &eh) != 0)
    goto bad;
  pt = proc_pagetable(p);
  if (pt == NULL)
    goto bad;
  if (load_image(pt, &sz, ip, &eh) != 0)
    goto bad;
  iunlockput(ip);
  end_op();

  return finish_exec(p, pt, sz, eh.e_entry, path, argv);

bad:
  if (pt != NULL)
    proc_freepagetable(pt, sz);
  iunlockput(ip);
  end_op();
  return -1;
}
