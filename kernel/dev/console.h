// The console device: line editing on input, output through the UART.
// Major device number CONSOLE in the devsw table.
#ifndef RVLAB_CONSOLE_H
#define RVLAB_CONSOLE_H

void consoleinit(void);
void consoleintr(int c); // one received character, from uartintr()
void consputc(int c);    // one character out, synchronously (kernel printf)

#endif
