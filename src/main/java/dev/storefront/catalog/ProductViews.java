package dev.storefront.catalog;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The persisted view count of products, for the write-behind view counters.
 */
@Service
public class ProductViews {

	private final JdbcTemplate jdbc;

	ProductViews(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds {@code views} to the product's count; a deleted or unknown product is skipped. */
	@Transactional
	public void add(long productId, long views) {
		jdbc.update("update products set view_count = view_count + ? where id = ?", views, productId);
	}

	/** @throws ProductNotFound if no live product has this id */
	@Transactional(readOnly = true)
	public long count(long productId) {
		List<Long> counts = jdbc.queryForList("select view_count from products where id = ? and deleted_at is null",
				Long.class, productId);
		if (counts.isEmpty()) {
			throw new ProductNotFound(productId);
		}
		return counts.get(0);
	}

}
