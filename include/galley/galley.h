/* galley: articles into EPUB 3, TEI P5 and JSON.  Umbrella header. */
#ifndef GALLEY_H
#define GALLEY_H

#define GALLEY_VERSION "0.1.0"
#define GALLEY_JSON_VERSION 1	/* the "galley" key of JSON output */

#include "galley/buf.h"
#include "galley/diag.h"
#include "galley/doc.h"
#include "galley/pipeline.h"

#endif
