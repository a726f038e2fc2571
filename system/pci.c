/* pci.c - pci_read, pci_write, pci_find */

#include <xinu.h>

/*------------------------------------------------------------------------
 *  pci_read  -  Read configuration register 'reg' of function 'bdf'
 *------------------------------------------------------------------------
 */
uint32	pci_read(
	  uint32	bdf,		/* pcibdf(bus, device, function) */
	  uint32	reg		/* register offset, 4-aligned	*/
	)
{
	intmask	mask;
	uint32	v;

	mask = disable();
	outl(PCI_CONFIG_ADDR, bdf | (reg & 0xFC));
	v = inl(PCI_CONFIG_DATA);
	restore(mask);
	return v;
}

/*------------------------------------------------------------------------
 *  pci_write  -  Write configuration register 'reg' of function 'bdf'
 *------------------------------------------------------------------------
 */
void	pci_write(
	  uint32	bdf,		/* pcibdf(bus, device, function) */
	  uint32	reg,		/* register offset, 4-aligned	*/
	  uint32	v		/* the value			*/
	)
{
	intmask	mask;

	mask = disable();
	outl(PCI_CONFIG_ADDR, bdf | (reg & 0xFC));
	outl(PCI_CONFIG_DATA, v);
	restore(mask);
}

/*------------------------------------------------------------------------
 *  pci_find  -  Find the first function on bus 0 made by 'vendor' whose
 *		 device number is one of the 'n' in 'devices'; store its
 *		 bdf and return the index of its device number, or
 *		 SYSERR.  Bus 0 is where QEMU's PC and the lab's VMs put
 *		 their NICs; a scan of it is 32 reads or a few more.
 *------------------------------------------------------------------------
 */
int32	pci_find(
	  uint16	vendor,		/* vendor number		*/
	  const	uint16	*devices,	/* device numbers accepted	*/
	  uint32	n,		/* how many			*/
	  uint32	*bdf		/* where the function's bdf goes */
	)
{
	uint32	dev, fn, nfn, id, i;

	for (dev = 0; dev < PCI_NDEVS; dev++) {
		nfn = 1;
		for (fn = 0; fn < nfn; fn++) {
			id = pci_read(pcibdf(0, dev, fn), PCI_ID);
			if ((id & 0xFFFF) == PCI_NOVENDOR) {
				continue;
			}
			if (fn == 0 && (pci_read(pcibdf(0, dev, 0), PCI_HDR)
					& PCI_HDR_MULTI)) {
				nfn = PCI_NFUNCS;
			}
			if ((id & 0xFFFF) != vendor) {
				continue;
			}
			for (i = 0; i < n; i++) {
				if ((id >> 16) == devices[i]) {
					*bdf = pcibdf(0, dev, fn);
					return i;
				}
			}
		}
	}
	return SYSERR;
}
