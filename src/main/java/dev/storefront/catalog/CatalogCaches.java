package dev.storefront.catalog;

import java.util.List;
import java.util.stream.LongStream;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.storefront.cache.TagCache;

/**
 * The catalog's cache names and listing tags, and the after-commit invalidation of listings: a
 * rolled-back write never touches the cache.
 */
@Component
class CatalogCaches {

	static final String PRODUCT = "product";

	static final String CATEGORY = "category";

	static final String CATEGORIES = "categories";

	static final String LISTING = "listing";

	/** Every listing page carries this tag. */
	static final String ALL_LISTINGS = "products";

	/** Listing pages without a category filter: a change in any category affects them. */
	static final String UNFILTERED_LISTINGS = "category:any";

	private final TagCache tags;

	CatalogCaches(TagCache tags) {
		this.tags = tags;
	}

	static List<String> listingTags(ProductQuery query) {
		return List.of(ALL_LISTINGS, query.category() == null ? UNFILTERED_LISTINGS : categoryTag(query.category()));
	}

	static String listingKey(ProductQuery query) {
		return "c=" + query.category() + "&min=" + query.minPrice() + "&max=" + query.maxPrice() + "&sort="
				+ query.sort() + "&page=" + query.page() + "&size=" + query.size() + "&q=" + query.q();
	}

	static String categoryTag(long categoryId) {
		return "category:" + categoryId;
	}

	/** Invalidates the listings of these categories once the current transaction commits. */
	void listingsChangedAfterCommit(long... categoryIds) {
		List<String> affected = LongStream.of(categoryIds).distinct().mapToObj(CatalogCaches::categoryTag).toList();
		Runnable invalidate = () -> {
			affected.forEach(tags::invalidate);
			tags.invalidate(UNFILTERED_LISTINGS);
		};
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidate.run();
				}
			});
		}
		else {
			invalidate.run();
		}
	}

}
