// Page tables: Sv39 walks, mapping and unmapping, and the user address-space
// operations built on them. Pure logic: compiles on the host for tests.
#pragma once

#include "kernel/types.h"
#include "kernel/riscv.h"

// A valid PTE with any of R, W, X is a leaf; with none it points to the
// next level of the table (RISC-V privileged spec, 4.3.2).
#define PTE_LEAF_BITS (PTE_R | PTE_W | PTE_X)

// The PTE for va, allocating page-table pages on the way if alloc is set.
// NULL if va >= MAXVA or an allocation failed. If a superpage maps va, its
// leaf in the level-1 table is the PTE returned (kernel/mm/superpage.h).
pte_t *walk(pagetable_t pt, uint64 va, int alloc);

// walk(pt, va, 0), also saying on which level the entry sits: 0 for an
// entry of a leaf page table, 1 for a superpage's leaf.
pte_t *walk_level(pagetable_t pt, uint64 va, int *level);

// The physical address of the 4 KiB page holding va, given pte, the valid
// leaf walk() returned for va in pt: a superpage's leaf maps 512 of them.
uint64 uvm_page_pa(pagetable_t pt, uint64 va, const pte_t *pte);

// The PTE of va if it is a valid user page (PTE_V and PTE_U), else NULL: the
// one test of "may user code touch this page" that the kernel makes in
// software (copy-on-write faults, uaccess, walkaddr).
pte_t *uvm_user_pte(pagetable_t pt, uint64 va);

// The physical address va maps to if it is a valid user page, else 0.
uint64 walkaddr(pagetable_t pt, uint64 va);

// Map [va, va+size) to [pa, pa+size) with perm; va and size page-aligned.
// 0, or -1 if a page-table page could not be allocated. Remapping a valid PTE
// is a kernel bug and panics.
int mappages(pagetable_t pt, uint64 va, uint64 size, uint64 pa, int perm);

// The user memory one leaf page table maps: loops over many pages keep
// interrupts off for one span at a time (push_off), so the locks taken per
// page inside do not write sstatus for each of them.
#define UVM_BATCH_SPAN (512UL * PGSIZE)

// Remove npages mappings from va (page-aligned), skipping holes (pages the
// ucow page calls unmapped, proc/syspage.c). If do_free, also drop pt's
// reference to each physical page (kdrop): a page fork shared stays.
void uvmunmap(pagetable_t pt, uint64 va, uint64 npages, int do_free);

// A zeroed page for a page table (counted in kstat's ptpages), or NULL.
pagetable_t pagetable_alloc(void);

// A new, empty user page table, or NULL.
pagetable_t uvmcreate(void);

// Grow a process from oldsz to newsz bytes with zeroed pages mapped
// PTE_R|PTE_U|xperm; an aligned 2 MiB of the new memory is one superpage if
// the pagesize policy says so (mm/pagesize.h). Returns newsz, or 0 after
// undoing a partial grow.
uint64 uvmalloc(pagetable_t pt, uint64 oldsz, uint64 newsz, int xperm);

// Shrink a process from oldsz to newsz, freeing pages; a superpage the new
// end cuts through is split first. Returns newsz, or oldsz with nothing
// freed if the split found no page for a page table.
uint64 uvmdealloc(pagetable_t pt, uint64 oldsz, uint64 newsz);

// Free user pages [0, sz) and then all page-table pages.
void uvmfree(pagetable_t pt, uint64 sz);

// Free the page-table pages of pt; all leaf mappings must be gone already.
void freewalk(pagetable_t pt);

// Clear PTE_U on va's page: used for the stack guard page.
void uvmclear(pagetable_t pt, uint64 va);

// The kernel's own page table (kvm.c), and the mapping helper it uses.
extern pagetable_t kernel_pagetable;
void kvminit(uint64 ram_end); // maps RAM from KERNBASE up to ram_end
void kvmmap(pagetable_t kpt, uint64 va, uint64 pa, uint64 size, int perm);
