package dev.storefront.images;

/**
 * Reads the EXIF orientation (tag 0x0112 of IFD0) from a JPEG's APP1 segment, without decoding the
 * image: 1 = upright (also when there is no EXIF), 2..8 = the flips and rotations of the EXIF spec.
 */
final class ExifOrientation {

	private ExifOrientation() {
	}

	static int of(byte[] jpeg) {
		try {
			int pos = 2;
			while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
				int marker = jpeg[pos + 1] & 0xFF;
				int length = u16(jpeg, pos + 2, false);
				if (marker == 0xDA || marker == 0xD9) {
					return 1;
				}
				if (marker == 0xE1 && length >= 8 && isExif(jpeg, pos + 4)) {
					return fromTiff(jpeg, pos + 10, pos + 2 + length);
				}
				pos += 2 + length;
			}
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			// Truncated or malformed EXIF: treat as upright rather than refuse the image.
		}
		return 1;
	}

	private static boolean isExif(byte[] b, int at) {
		return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
				&& b[at + 5] == 0;
	}

	private static int fromTiff(byte[] b, int tiff, int end) {
		boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
		int ifd = tiff + (int) u32(b, tiff + 4, little);
		int entries = u16(b, ifd, little);
		for (int i = 0; i < entries; i++) {
			int entry = ifd + 2 + i * 12;
			if (entry + 12 > end) {
				break;
			}
			if (u16(b, entry, little) == 0x0112) {
				int value = u16(b, entry + 8, little);
				return value >= 1 && value <= 8 ? value : 1;
			}
		}
		return 1;
	}

	private static int u16(byte[] b, int at, boolean little) {
		int hi = b[at] & 0xFF;
		int lo = b[at + 1] & 0xFF;
		return little ? (lo << 8) | hi : (hi << 8) | lo;
	}

	private static long u32(byte[] b, int at, boolean little) {
		long a = u16(b, at, little);
		long c = u16(b, at + 2, little);
		return little ? (c << 16) | a : (a << 16) | c;
	}

}
