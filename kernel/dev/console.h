// The console device: line editing on input, output through the UART.
// Major device number CONSOLE in the devsw table.
#pragma once

void consoleinit(void);
void consoleintr(int c); // one received character, from uartintr()
void consputc(int c);    // one character out, synchronously (kernel printf)
