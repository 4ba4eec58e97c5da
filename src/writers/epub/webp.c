/*
 * WebP images for the EPUB, as PNG: WebP is a core media type of EPUB
 * 3.3, but not of EPUB 3.2, which EPUBCheck 4.2 and many reading systems
 * follow.  libwebp decodes the image (of an animation, its first frame)
 * and libpng's simplified API writes it again, without loss (a PNG is
 * larger).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <webp/decode.h>
#include <webp/demux.h>

#include "writers/epub/epub.h"
#include "model/oom.h"

/* Pixels of a WebP made into PNG at most (100 MB as RGBA). */
#define WEBP_PIXELS_MAX	(25 * 1000 * 1000)

int
epub_is_webp(const char *data, size_t len)
{
	return len >= 12 && memcmp(data, "RIFF", 4) == 0 &&
	    memcmp(data + 8, "WEBP", 4) == 0;
}

char *
epub_webp_to_png(const char *data, size_t len, size_t *outlen, char *why,
    size_t whysz)
{
	WebPBitstreamFeatures	 f;
	png_image		 img;
	size_t			 size = 0;
	FILE			*mf;
	uint8_t			*px;
	char			*out;

	*outlen = 0;
	if (WebPGetFeatures((const uint8_t *)data, len, &f) != VP8_STATUS_OK) {
		snprintf(why, whysz, "a WebP image libwebp cannot read");
		return NULL;
	}
	if ((long long)f.width * f.height > WEBP_PIXELS_MAX) {
		snprintf(why, whysz, "a WebP image of %dx%d pixels, over %d "
		    "million", f.width, f.height, WEBP_PIXELS_MAX / 1000000);
		return NULL;
	}
	if (f.has_animation) {
		WebPAnimDecoderOptions	 o;
		WebPAnimDecoder		*dec;
		WebPData		 wd = { (const uint8_t *)data, len };
		uint8_t			*frame;
		int			 ts;

		px = NULL;
		if (WebPAnimDecoderOptionsInit(&o) &&
		    (o.color_mode = MODE_RGBA,
		    dec = WebPAnimDecoderNew(&wd, &o)) != NULL) {
			if (WebPAnimDecoderGetNext(dec, &frame, &ts) &&
			    (px = WebPMalloc((size_t)f.width * f.height *
			    4)) != NULL)
				memcpy(px, frame, (size_t)f.width * f.height *
				    4);
			WebPAnimDecoderDelete(dec);
		}
		f.has_alpha = 1;
		if (px != NULL)
			snprintf(why, whysz, "an animated WebP image: its "
			    "first frame is packed, as PNG");
	} else
		px = f.has_alpha ? WebPDecodeRGBA((const uint8_t *)data, len,
		    NULL, NULL) : WebPDecodeRGB((const uint8_t *)data, len,
		    NULL, NULL);
	if (px == NULL) {
		snprintf(why, whysz, "a WebP image libwebp cannot decode");
		return NULL;
	}
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)f.width;
	img.height = (png_uint_32)f.height;
	img.format = f.has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	/* into a growing buffer: compressed once (libpng's own
	 * png_image_write_get_memory_size() compresses twice) */
	out = NULL;
	if ((mf = open_memstream(&out, &size)) == NULL)
		galley_oom();
	if (png_image_write_to_stdio(&img, mf, 0, px, 0, NULL)) {
		if (fclose(mf) != 0)
			galley_oom();
		*outlen = size;
	} else {
		fclose(mf);
		snprintf(why, whysz, "libpng cannot write it as PNG: %s",
		    img.message[0] != '\0' ? img.message : "out of memory");
		free(out);
		out = NULL;
	}
	png_image_free(&img);
	WebPFree(px);
	return out;
}
