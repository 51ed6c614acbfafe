package dev.storefront.images;

import java.util.Optional;

/**
 * The accepted upload types, told by their magic bytes (never by the file name or declared type).
 */
enum ImageType {

	JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

	final String contentType;

	final String format;

	ImageType(String contentType, String format) {
		this.contentType = contentType;
		this.format = format;
	}

	static Optional<ImageType> sniff(byte[] bytes) {
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
		if (bytes.length >= png.length) {
			for (int i = 0; i < png.length; i++) {
				if (bytes[i] != png[i]) {
					return Optional.empty();
				}
			}
			return Optional.of(PNG);
		}
		return Optional.empty();
	}

	static Optional<ImageType> ofContentType(String contentType) {
		for (ImageType type : values()) {
			if (type.contentType.equals(contentType)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
