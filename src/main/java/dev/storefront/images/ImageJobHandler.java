package dev.storefront.images;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.storefront.catalog.ProductService;
import dev.storefront.jobs.JobContext;
import dev.storefront.jobs.JobHandler;
import dev.storefront.jobs.UnrecoverableJobException;

/**
 * The {@code images} queue: turns an upload into its thumbnail and medium variants, then tells the
 * catalog that the product's images changed (new version, cache entries evicted).
 */
@Component
class ImageJobHandler implements JobHandler {

	static final String QUEUE = "images";

	private static final Logger log = LoggerFactory.getLogger(ImageJobHandler.class);

	private final ImageStore store;

	private final ImageResizer resizer;

	private final ImageProperties properties;

	private final ProductService products;

	private final TransactionTemplate transactions;

	ImageJobHandler(ImageStore store, ImageResizer resizer, ImageProperties properties, ProductService products,
			TransactionTemplate transactions) {
		this.store = store;
		this.resizer = resizer;
		this.properties = properties;
		this.products = products;
		this.transactions = transactions;
	}

	@Override
	public String queue() {
		return QUEUE;
	}

	@Override
	public Object process(JobContext job) throws Exception {
		long imageId = job.data(Request.class).imageId();
		ImageStore.Pending pending = store.pending(imageId)
			.orElseThrow(() -> new UnrecoverableJobException("image " + imageId + " does not exist"));
		ImageType type = ImageType.ofContentType(pending.contentType())
			.orElseThrow(() -> new UnrecoverableJobException("unsupported type " + pending.contentType()));
		job.progress(10);
		BufferedImage upright = resizer.upright(pending.original(), type);
		job.progress(40);
		BufferedImage thumb = resizer.scale(upright, properties.thumbSize());
		BufferedImage medium = resizer.watermark(resizer.scale(upright, properties.mediumSize()));
		List<ImageStore.Variant> variants = List.of(variant("thumb", thumb), variant("medium", medium));
		job.progress(80);
		transactions.executeWithoutResult(status -> store.saveVariants(imageId, variants));
		products.imagesChanged(pending.productId());
		job.log("thumb " + thumb.getWidth() + "x" + thumb.getHeight() + ", medium " + medium.getWidth() + "x"
				+ medium.getHeight());
		log.info("Image {} of product {} processed", imageId, pending.productId());
		return Map.of("imageId", imageId, "thumb", ImageUrls.of(imageId, "thumb"), "medium",
				ImageUrls.of(imageId, "medium"));
	}

	private ImageStore.Variant variant(String name, BufferedImage image) throws java.io.IOException {
		return new ImageStore.Variant(name, ImageType.JPEG.contentType, image.getWidth(), image.getHeight(),
				resizer.jpeg(image));
	}

	/** The job's payload. */
	record Request(long imageId, long productId) {
	}

}
