package dev.storefront.images;

import java.io.IOException;

import org.springframework.stereotype.Service;

import dev.storefront.catalog.ProductService;
import dev.storefront.jobs.Job;
import dev.storefront.jobs.JobOptions;
import dev.storefront.jobs.Queues;

/**
 * Accepts an upload after its guards (size, magic bytes, pixel count from the header) and enqueues its
 * processing. The row is committed before the job is added (a worker may start at once); when adding
 * fails (Redis down) the row is deleted again and the caller gets 503.
 */
@Service
class ImageUploads {

	private final ImageStore store;

	private final Queues queues;

	private final ProductService products;

	private final ImageProperties properties;

	ImageUploads(ImageStore store, Queues queues, ProductService products, ImageProperties properties) {
		this.store = store;
		this.queues = queues;
		this.products = products;
		this.properties = properties;
	}

	Accepted upload(long productId, byte[] bytes, Long uploader) {
		products.find(productId);
		if (bytes.length > properties.maxUploadSize().toBytes()) {
			throw new ImageProblems.ImageTooLarge(properties.maxUploadSize().toBytes());
		}
		ImageType type = ImageType.sniff(bytes).orElseThrow(ImageProblems.UnsupportedImageType::new);
		requireAcceptablePixels(bytes, type);
		long imageId = store.insert(productId, type, bytes);
		try {
			Job job = queues.add(ImageJobHandler.QUEUE, "resize", new ImageJobHandler.Request(imageId, productId),
					JobOptions.id("image:" + imageId).withOwner(uploader));
			return new Accepted(job.globalId(), imageId);
		}
		catch (RuntimeException ex) {
			store.delete(imageId);
			throw ex;
		}
	}

	private void requireAcceptablePixels(byte[] bytes, ImageType type) {
		int[] size;
		try {
			size = ImageResizer.dimensions(bytes, type);
		}
		catch (IOException | RuntimeException ex) {
			throw new ImageProblems.ImageRejected("The image header cannot be read: " + ex.getMessage());
		}
		if ((long) size[0] * size[1] > properties.maxPixels()) {
			throw new ImageProblems.ImageRejected(
					"Images may have at most " + properties.maxPixels() + " pixels; this one declares " + size[0] + "x"
							+ size[1]);
		}
	}

	/** The answer to an upload. */
	record Accepted(String jobId, long imageId) {
	}

}
