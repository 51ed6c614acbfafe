package dev.storefront.images;

/**
 * Where an image variant is served.
 */
final class ImageUrls {

	private ImageUrls() {
	}

	static String of(long imageId, String variant) {
		return "/api/images/" + imageId + "/" + variant;
	}

}
