// Switching satp and sstatus.SUM for uaccess=trap's window onto user memory
// (arch/uwindow.h). The caller keeps interrupts off throughout, so nothing
// can change sstatus between a read and the write that follows it.
#include "kernel/types.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/uwindow.h"

uint64 uwindow_enter(uint64 satp)
{
  // The first fence makes the window's new root entry visible to the page
  // walker; the second drops translations made through the old root,
  // including a window onto some other process's memory.
  sfence_vma();
  uint64 old = r_satp();
  w_satp(satp);
  sfence_vma();
  w_sstatus(r_sstatus() | SSTATUS_SUM);
  return old;
}

void uwindow_leave(uint64 satp)
{
  w_sstatus(r_sstatus() & ~SSTATUS_SUM);
  w_satp(satp);
  sfence_vma();
}
