/* xsh_date.c - xsh_date, rtcread, rtcsnap */

#include <xinu.h>
#include <shell.h>

/*
 * The date comes from the PC's CMOS real-time clock (the MC146818 and
 * its successors), read through an index port and a data port.  QEMU
 * keeps it at the host's time (UTC unless told otherwise).  The clock
 * may be in BCD or binary and in 12- or 24-hour form (status register
 * B says which).  A snapshot is taken while no update is in progress and
 * repeated until two agree, so no field is read mid-update.
 */

#define	RTC_INDEX	0x70	/* selects a CMOS register (bit 7: NMI)	*/
#define	RTC_DATA	0x71	/* reads or writes the selected one	*/
#define	RTC_SEC		0x00
#define	RTC_MIN		0x02
#define	RTC_HOUR	0x04
#define	RTC_DAY		0x07
#define	RTC_MONTH	0x08
#define	RTC_YEAR	0x09
#define	RTC_STATA	0x0A
#define	RTC_STATB	0x0B
#define	RTC_CENTURY	0x32	/* where PC firmware and QEMU keep it	*/
#define	RTC_A_UIP	0x80	/* status A: update in progress		*/
#define	RTC_B_24H	0x02	/* status B: 24-hour hours		*/
#define	RTC_B_BINARY	0x04	/* status B: binary, not BCD		*/
#define	RTC_HOUR_PM	0x80	/* in 12-hour form: after noon		*/

/* The fields of a snapshot, and the register of each */
enum	{ SEC, MIN, HOUR, DAY, MONTH, YEAR, CENTURY, NRTC };
local	const	byte	rtcreg[NRTC] = { RTC_SEC, RTC_MIN, RTC_HOUR, RTC_DAY,
				 RTC_MONTH, RTC_YEAR, RTC_CENTURY };

/*------------------------------------------------------------------------
 *  rtcread  -  Read one CMOS register
 *------------------------------------------------------------------------
 */
local	byte	rtcread(byte reg)
{
	intmask	mask;
	byte	v;

	mask = disable();		/* index and data go together	*/
	outb(RTC_INDEX, reg);
	v = inb(RTC_DATA);
	restore(mask);
	return v;
}

/*------------------------------------------------------------------------
 *  rtcsnap  -  Read all the fields once no update is in progress
 *------------------------------------------------------------------------
 */
local	void	rtcsnap(byte v[NRTC])
{
	int32	i;

	while (rtcread(RTC_STATA) & RTC_A_UIP) {
		sleepms(1);		/* an update takes under 2 ms	*/
	}
	for (i = 0; i < NRTC; i++) {
		v[i] = rtcread(rtcreg[i]);
	}
}

/*------------------------------------------------------------------------
 *  bcd  -  A BCD byte's value, or the byte itself in binary mode
 *------------------------------------------------------------------------
 */
local	int32	bcd(byte v, byte statb)
{
	return (statb & RTC_B_BINARY) ? v : (v >> 4) * 10 + (v & 0x0F);
}

/*------------------------------------------------------------------------
 *  xsh_date  -  Print the date and time of the CMOS clock
 *------------------------------------------------------------------------
 */
shellcmd xsh_date(int32 nargs, char *args[])
{
	byte	v[NRTC], w[NRTC], statb;
	int32	hour;

	if (nargs != 1) {
		return shusage(args[0]);
	}
	rtcsnap(w);
	do {
		memcpy(v, w, NRTC);
		rtcsnap(w);
	} while (memcmp(v, w, NRTC) != 0);
	statb = rtcread(RTC_STATB);
	hour = bcd(v[HOUR] & ~RTC_HOUR_PM, statb);
	if (!(statb & RTC_B_24H)) {
		hour = hour % 12 + ((v[HOUR] & RTC_HOUR_PM) ? 12 : 0);
	}
	printf("%02d%02d-%02d-%02d %02d:%02d:%02d\n", bcd(v[CENTURY], statb),
	       bcd(v[YEAR], statb), bcd(v[MONTH], statb), bcd(v[DAY], statb),
	       hour, bcd(v[MIN], statb), bcd(v[SEC], statb));
	return OK;
}
