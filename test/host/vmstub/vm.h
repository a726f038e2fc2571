/* vm.h - stand-in: the real include/vm.h, which xinu.h here includes */

#include "../../../include/vm.h"
