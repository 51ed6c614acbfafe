package dev.storefront.images;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * The named failures of image upload and serving.
 */
final class ImageProblems {

	private ImageProblems() {
	}

	/** Not a JPEG or PNG by its magic bytes: 415. */
	static final class UnsupportedImageType extends DomainException {

		UnsupportedImageType() {
			super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-image-type",
					"Only JPEG and PNG images are accepted (checked by content, not by name)");
		}

	}

	/** Over the upload size limit: 413. */
	static final class ImageTooLarge extends DomainException {

		ImageTooLarge(long limit) {
			super(HttpStatus.CONTENT_TOO_LARGE, "image-too-large", "Images may have at most " + limit + " bytes");
			with("maxBytes", limit);
		}

	}

	/** More pixels than allowed, or an unreadable header: 422. */
	static final class ImageRejected extends DomainException {

		ImageRejected(String detail) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "image-rejected", detail);
		}

	}

	/** No such image or variant (yet): 404. */
	static final class ImageNotFound extends DomainException {

		ImageNotFound(long imageId, String variant) {
			super(HttpStatus.NOT_FOUND, "image-not-found", "Image " + imageId + " has no " + variant + " variant");
		}

	}

}
