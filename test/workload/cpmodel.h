/* cpmodel.h - cp_model: a model of CLOCK-Pro (cpmodel.c) */

#ifndef _CPMODEL_H_
#define _CPMODEL_H_

#include "workload.h"

extern	uint32_t cp_model(uint32_t kind, uint32_t npages, uint32_t seed,
			  uint32_t refs, uint32_t frames);

#endif
