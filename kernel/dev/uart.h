// 16550a UART driver: the serial console's hardware.
#pragma once

void uartinit(void);
void uartputc(int c);      // buffered, may sleep: for write()
void uartputc_sync(int c); // spins, usable with interrupts off: for printf
// After the bytes already buffered, never sleeping: for the echo of input.
void uartputc_queued(int c);
void uartintr(void); // input ready or transmit done
