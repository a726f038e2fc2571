/* vclone_ece465.c - vclone.c in the ECE465 flavour (the heap after FFS,
 * next fit): the same output */

#include "vclone.c"
