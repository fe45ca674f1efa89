// Platform-level interrupt controller: routes device interrupts to harts.
#pragma once

void plicinit(void);
void plicinithart(void);
int plic_claim(void); // the pending IRQ, or 0
void plic_complete(int irq);
