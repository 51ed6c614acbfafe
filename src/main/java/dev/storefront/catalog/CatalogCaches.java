package dev.storefront.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
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

	/**
	 * The canonical cache key of a listing: equal queries get one key however they were spelled
	 * ({@code 1}, {@code 1.0} and {@code 1E+0}; {@code price} and {@code price,ASC}; {@code Shoe} and
	 * {@code shoe}), free text is hashed, and nothing the caller typed reaches the key as it was: its length
	 * is bounded and no {@code {...}} from user input can choose a Redis Cluster slot.
	 */
	static String listingKey(ProductQuery query) {
		return "c=" + (query.category() == null ? "-" : query.category()) + "&min=" + ListingKeys.number(query.minPrice())
				+ "&max=" + ListingKeys.number(query.maxPrice()) + "&sort=" + query.canonicalSort() + "&page="
				+ query.page() + "&size=" + query.size() + "&q="
				+ (query.q() == null ? "-" : ListingKeys.hash(query.q().toLowerCase(Locale.ROOT)));
	}

	static String categoryTag(long categoryId) {
		return "category:" + categoryId;
	}

	/**
	 * Invalidates the listings of these categories once the current transaction commits; an order of
	 * many lines invalidates each category once.
	 */
	@SuppressWarnings("unchecked")
	void listingsChangedAfterCommit(long... categoryIds) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			invalidate(LongStream.of(categoryIds).boxed().collect(Collectors.toCollection(LinkedHashSet::new)));
			return;
		}
		Set<Long> changed = (Set<Long>) TransactionSynchronizationManager.getResource(this);
		if (changed == null) {
			Set<Long> collected = new LinkedHashSet<>();
			changed = collected;
			TransactionSynchronizationManager.bindResource(this, collected);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					invalidate(collected);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(CatalogCaches.this);
				}
			});
		}
		LongStream.of(categoryIds).forEach(changed::add);
	}

	private void invalidate(Set<Long> categoryIds) {
		categoryIds.forEach(id -> tags.invalidate(categoryTag(id)));
		tags.invalidate(UNFILTERED_LISTINGS);
	}

}
