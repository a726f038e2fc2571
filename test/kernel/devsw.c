/* devsw.c - tests of the device switch: bad devices, NULLDEV */

#include <xinu.h>

/* Every device call refuses a device number outside devtab */
TEST(devsw_bad_device)
{
	did32	bad[] = { -1, NDEVS, NDEVS + 100, 0x7FFFFFFF };
	char	buf[4];
	uint32	i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(init(bad[i]) == SYSERR);
		CHECK(open(bad[i], "", "") == SYSERR);
		CHECK(close(bad[i]) == SYSERR);
		CHECK(read(bad[i], buf, sizeof(buf)) == SYSERR);
		CHECK(write(bad[i], buf, sizeof(buf)) == SYSERR);
		CHECK(getc(bad[i]) == SYSERR);
		CHECK(putc(bad[i], 'x') == SYSERR);
		CHECK(seek(bad[i], 0) == SYSERR);
		CHECK(control(bad[i], TC_ICHARS, 0, 0) == SYSERR);
	}
	return OK;
}

/* NULLDEV accepts everything and does nothing; it cannot seek */
TEST(devsw_nulldev)
{
	char	buf[4] = "abc";

	CHECK(init(NULLDEV) == OK);
	CHECK(open(NULLDEV, "", "") == OK);
	CHECK(read(NULLDEV, buf, sizeof(buf)) == OK);
	CHECK(strcmp(buf, "abc") == 0);
	CHECK(write(NULLDEV, buf, sizeof(buf)) == OK);
	CHECK(getc(NULLDEV) == OK);
	CHECK(putc(NULLDEV, 'x') == OK);
	CHECK(control(NULLDEV, TC_ICHARS, 0, 0) == OK);
	CHECK(seek(NULLDEV, 0) == SYSERR);
	CHECK(close(NULLDEV) == OK);
	return OK;
}
