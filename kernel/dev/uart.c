// Driver for the 16550a UART at UART0 that QEMU's virt machine provides: the
// serial console. Register layout from the 16550 data sheet; receive and
// transmit-ready interrupts arrive through the PLIC as UART0_IRQ.
#include "kernel/types.h"
#include "kernel/memlayout.h"
#include "kernel/lib/spinlock.h"
#include "kernel/lib/printf.h"
#include "kernel/proc/proc.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/console.h"

// 16550 registers, as byte offsets from UART0.
#define RHR 0 // receive holding register (read)
#define THR 0 // transmit holding register (write)
#define IER 1 // interrupt enable
#define FCR 2 // FIFO control (write)
#define ISR 2 // interrupt status (read)
#define LCR 3 // line control
#define LSR 5 // line status

// With LCR_DLAB set, offsets 0 and 1 hold the baud-rate divisor instead.
#define DLL 0
#define DLM 1

#define IER_RX_ENABLE  (1 << 0)
#define IER_TX_ENABLE  (1 << 1)
#define FCR_FIFO_ON    (1 << 0)
#define FCR_FIFO_CLEAR (3 << 1) // empty both FIFOs
#define LCR_8N1        3        // 8 data bits, no parity, one stop bit
#define LCR_DLAB       (1 << 7)
#define LSR_RX_READY   (1 << 0) // a byte waits in RHR
#define LSR_TX_IDLE    (1 << 5) // THR can take another byte

// The divisor for 38.4K baud from the 1.8432 MHz reference clock.
#define BAUD_38400_DIVISOR 3

static volatile uchar *const uart = (volatile uchar *)UART0;

#define TX_BUF_SIZE 32

// Bytes written by processes, waiting for the UART to take them.
static struct {
  struct spinlock lock; // guards buf, head and tail
  char buf[TX_BUF_SIZE];
  uint64 head; // next byte to send is buf[head % TX_BUF_SIZE]
  uint64 tail; // next byte goes in buf[tail % TX_BUF_SIZE]
} tx;

void uartinit(void)
{
  uart[IER] = 0;
  uart[LCR] = LCR_DLAB;
  uart[DLL] = BAUD_38400_DIVISOR & 0xff;
  uart[DLM] = BAUD_38400_DIVISOR >> 8;
  // Writing the line format also clears DLAB, uncovering RHR/THR and IER.
  uart[LCR] = LCR_8N1;
  uart[FCR] = FCR_FIFO_ON | FCR_FIFO_CLEAR;
  uart[IER] = IER_RX_ENABLE | IER_TX_ENABLE;

  initlock(&tx.lock, "uart");
}

// Move buffered bytes into the UART while it has room. Called with tx.lock
// held, from uartputc() and from the interrupt that says THR emptied.
static void uartstart(void)
{
  while (tx.head != tx.tail && (uart[LSR] & LSR_TX_IDLE)) {
    uart[THR] = tx.buf[tx.head % TX_BUF_SIZE];
    tx.head++;
    // A writer may be sleeping for room in the buffer.
    wakeup(&tx.head);
  }
}

void uartputc(int c)
{
  acquire(&tx.lock);
  if (panicked) {
    // Keep user output from mixing into the panic message.
    for (;;)
      ;
  }
  while (tx.tail - tx.head == TX_BUF_SIZE)
    sleep(&tx.head, &tx.lock);
  tx.buf[tx.tail % TX_BUF_SIZE] = c;
  tx.tail++;
  uartstart();
  release(&tx.lock);
}

void uartputc_queued(int c)
{
  acquire(&tx.lock);
  // No sleeping here (the caller may be an interrupt): when the buffer is
  // full, send its oldest byte by spinning, which keeps the order.
  while (tx.tail - tx.head == TX_BUF_SIZE) {
    while ((uart[LSR] & LSR_TX_IDLE) == 0)
      ;
    uart[THR] = tx.buf[tx.head % TX_BUF_SIZE];
    tx.head++;
    wakeup(&tx.head);
  }
  tx.buf[tx.tail % TX_BUF_SIZE] = c;
  tx.tail++;
  uartstart();
  release(&tx.lock);
}

void uartputc_sync(int c)
{
  // Interrupts off, so that this hart is not descheduled between the check
  // for room and the store that uses it.
  push_off();
  while ((uart[LSR] & LSR_TX_IDLE) == 0)
    ;
  uart[THR] = c;
  pop_off();
}

static int uartgetc(void)
{
  if (uart[LSR] & LSR_RX_READY)
    return uart[RHR];
  return -1;
}

void uartintr(void)
{
  int c;

  // Reading ISR acknowledges a transmit-ready interrupt.
  (void)uart[ISR];
  while ((c = uartgetc()) >= 0)
    consoleintr(c);

  acquire(&tx.lock);
  uartstart();
  release(&tx.lock);
}
