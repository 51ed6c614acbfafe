package dev.storefront.images;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Product image limits and variants.
 *
 * @param maxUploadSize the largest file accepted; bigger ones get 413
 * @param maxPixels the most pixels (width x height, read from the header before decoding) accepted;
 * more get 422 (a decompression bomb guard)
 * @param thumbSize the longest side of the thumbnail, in pixels
 * @param mediumSize the longest side of the medium image, in pixels
 * @param quality the JPEG quality of the variants, 0..1
 * @param watermark text drawn on the medium image; empty for none
 */
@ConfigurationProperties("storefront.images")
record ImageProperties(@DefaultValue("5MB") DataSize maxUploadSize, @DefaultValue("40000000") long maxPixels,
		@DefaultValue("200") int thumbSize, @DefaultValue("800") int mediumSize, @DefaultValue("0.85") float quality,
		@DefaultValue("") String watermark) {
}
