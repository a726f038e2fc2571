/* frame.h - stand-in: the real include/frame.h, for the policy files */

#include "../../../include/frame.h"
