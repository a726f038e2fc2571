/* device.h - device numbers and the device switch */

#ifndef _DEVICE_H_
#define _DEVICE_H_

#define	isbaddev(d)	((int32)(d) < 0 || (d) >= NDEVS)

#endif
