/* uart.h - the 16550 UART: register offsets and bits */

#ifndef _UART_H_
#define _UART_H_

#define	COM1_BASE	0x3F8	/* I/O base of the first serial port	*/
#define	COM2_BASE	0x2F8	/* the second: the event port (kevent.c) */
#define	UART_CLOCK	115200	/* divisor 1 gives this baud rate	*/
#define	UART_BAUD	115200

/* Register offsets from the base (DLAB=0 unless noted) */
#define	UART_RBR	0	/* receive buffer (read)		*/
#define	UART_THR	0	/* transmit holding (write)		*/
#define	UART_DLL	0	/* divisor latch low (DLAB=1)		*/
#define	UART_IER	1	/* interrupt enable			*/
#define	UART_DLM	1	/* divisor latch high (DLAB=1)		*/
#define	UART_IIR	2	/* interrupt identification (read)	*/
#define	UART_FCR	2	/* FIFO control (write)			*/
#define	UART_LCR	3	/* line control				*/
#define	UART_MCR	4	/* modem control			*/
#define	UART_LSR	5	/* line status				*/
#define	UART_MSR	6	/* modem status				*/

/* IER bits */
#define	UART_IER_RDA	0x01	/* received data available		*/
#define	UART_IER_THRE	0x02	/* transmit holding register empty	*/

/* IIR values (low 4 bits) */
#define	UART_IIR_NONE	0x01	/* no interrupt pending			*/
#define	UART_IIR_MASK	0x0E
#define	UART_IIR_THRE	0x02	/* transmitter empty			*/
#define	UART_IIR_RDA	0x04	/* received data available		*/
#define	UART_IIR_RLS	0x06	/* receiver line status			*/
#define	UART_IIR_TIMEOUT 0x0C	/* character timeout			*/
#define	UART_IIR_MS	0x00	/* modem status				*/

/* FCR bits */
#define	UART_FCR_ENABLE	0x01
#define	UART_FCR_CLRRX	0x02
#define	UART_FCR_CLRTX	0x04
#define	UART_FCR_TRIG8	0x80	/* interrupt at 8 received bytes	*/

/* LCR bits */
#define	UART_LCR_8N1	0x03
#define	UART_LCR_DLAB	0x80

/* MCR bits */
#define	UART_MCR_DTR	0x01
#define	UART_MCR_RTS	0x02
#define	UART_MCR_OUT2	0x08	/* gates the UART's IRQ line on a PC	*/
#define	UART_MCR_LOOP	0x10	/* loopback mode			*/

/* LSR bits */
#define	UART_LSR_DR	0x01	/* data ready				*/
#define	UART_LSR_OE	0x02	/* overrun error			*/
#define	UART_LSR_THRE	0x20	/* transmit holding register empty	*/
#define	UART_LSR_TEMT	0x40	/* transmitter empty			*/

#define	UART_FIFO_LEN	16	/* bytes the 16550 FIFO holds		*/

#endif
