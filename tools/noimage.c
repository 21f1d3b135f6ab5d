/*
 * noimage.c — "no start-up image embedded": linked instead of the generated
 * $(BUILD)/gen/image.c into tools/mkimage (which makes that image) and into
 * builds that do not make one (fuzz/Makefile). mpbox_runtime_new then
 * builds the image at run time (core/startup.c).
 */
#include "core.h"

const mpb_image *const mpb_embedded_image = NULL;
