package dev.storefront.images;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Image rows and variant bytes in PostgreSQL ({@code product_images}, {@code product_image_variants}).
 */
@Repository
class ImageStore {

	static final String ORIGINAL = "original";

	private final JdbcClient jdbc;

	ImageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long productId, ImageType type, byte[] original) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO product_images (product_id, original_type, original) VALUES (?, ?, ?)")
			.params(productId, type.contentType, original)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	void delete(long imageId) {
		jdbc.sql("DELETE FROM product_images WHERE id = ?").param(imageId).update();
	}

	Optional<Pending> pending(long imageId) {
		return jdbc.sql("SELECT id, product_id, original_type, original FROM product_images WHERE id = ?")
			.param(imageId)
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)))
			.optional();
	}

	/** Stores the variants and marks the image ready, in one transaction with the caller. */
	void saveVariants(long imageId, List<Variant> variants) {
		for (Variant v : variants) {
			// A retried job finds the variants of a previous attempt: replace them.
			jdbc.sql("""
					INSERT INTO product_image_variants (image_id, variant, content_type, width, height, bytes)
					VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (image_id, variant) DO UPDATE
					SET content_type = EXCLUDED.content_type, width = EXCLUDED.width, height = EXCLUDED.height,
					    bytes = EXCLUDED.bytes""")
				.params(imageId, v.name(), v.contentType(), v.width(), v.height(), v.bytes())
				.update();
		}
		jdbc.sql("UPDATE product_images SET status = 'READY', processed_at = now() WHERE id = ?").param(imageId).update();
	}

	/** An upload's type and size, without its bytes. */
	Optional<OriginalInfo> originalInfo(long imageId) {
		return jdbc.sql("SELECT original_type, octet_length(original) FROM product_images WHERE id = ?")
			.param(imageId)
			.query((rs, n) -> new OriginalInfo(rs.getString(1), rs.getLong(2)))
			.optional();
	}

	/**
	 * Writes an upload to {@code out} in slices of {@code chunk} bytes, one query each, so a request holds
	 * one slice on the heap, never the whole file (up to 5 MB); PostgreSQL reads the slice from TOAST.
	 */
	void copyOriginal(long imageId, long length, int chunk, OutputStream out) throws IOException {
		for (long from = 1; from <= length; from += chunk) {
			byte[] slice = jdbc.sql("SELECT substring(original FROM ?::int FOR ?::int) FROM product_images WHERE id = ?")
				.params(from, chunk, imageId)
				.query(byte[].class)
				.optional()
				.orElseThrow(() -> new IOException("image " + imageId + " was deleted while it was sent"));
			out.write(slice);
		}
	}

	/**
	 * A processed variant (re-encoded, no metadata) of an image whose product is live: what anyone may
	 * see. Pending or failed images have no variants; a deleted product's images are not found.
	 */
	Optional<Stored> publicVariant(long imageId, String variant) {
		return jdbc.sql("""
				SELECT v.content_type, v.bytes FROM product_image_variants v
				JOIN product_images i ON i.id = v.image_id
				JOIN products p ON p.id = i.product_id AND p.deleted_at IS NULL
				WHERE v.image_id = ? AND v.variant = ?""")
			.params(imageId, variant)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

	/** {@link #publicVariant} exists, without loading its bytes (for a conditional request). */
	boolean isPublic(long imageId, String variant) {
		return jdbc.sql("""
				SELECT count(*) FROM product_image_variants v
				JOIN product_images i ON i.id = v.image_id
				JOIN products p ON p.id = i.product_id AND p.deleted_at IS NULL
				WHERE v.image_id = ? AND v.variant = ?""")
			.params(imageId, variant)
			.query(Long.class)
			.single() > 0;
	}

	/** The processed image ids of each product that has any, oldest first, in one query. */
	Map<Long, List<Long>> readyImages(Collection<Long> productIds) {
		Map<Long, List<Long>> images = new LinkedHashMap<>();
		if (productIds.isEmpty()) {
			return images;
		}
		jdbc.sql("SELECT product_id, id FROM product_images WHERE product_id = ANY(?) AND status = 'READY' ORDER BY product_id, id")
			.param(productIds.toArray(Long[]::new))
			.query(rs -> {
				images.computeIfAbsent(rs.getLong(1), p -> new ArrayList<>()).add(rs.getLong(2));
			});
		return images;
	}

	List<Long> readyImages(long productId) {
		return jdbc.sql("SELECT id FROM product_images WHERE product_id = ? AND status = 'READY' ORDER BY id")
			.param(productId)
			.query(Long.class)
			.list();
	}

	/** An upload's content type and length in bytes. */
	record OriginalInfo(String contentType, long length) {
	}

	/** An uploaded image waiting for its variants. */
	record Pending(long id, long productId, String contentType, byte[] original) {
	}

	/** One resized variant. */
	record Variant(String name, String contentType, int width, int height, byte[] bytes) {
	}

	/** Bytes as stored, with their type. */
	record Stored(String contentType, byte[] bytes) {
	}

}
