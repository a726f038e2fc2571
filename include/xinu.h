/* xinu.h - include every header a Xinu program or kernel file expects */

#ifndef _XINU_H_
#define _XINU_H_

#include <kernel.h>
#include <conf.h>
#include <i386.h>
#include <multiboot.h>
#include <uart.h>
#include <process.h>
#include <queue.h>
#include <resched.h>
#include <semaphore.h>
#include <clock.h>
#include <memory.h>
#include <ports.h>
#include <device.h>
#include <tty.h>
#include <pci.h>
#include <ether.h>
#include <net.h>
#include <ata.h>
#include <paging.h>
#include <test.h>
#include <cmdline.h>
#include <prototypes.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

#endif
