package dev.storefront.catalog;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.storefront.web.InvalidRequest;

/**
 * A product listing request: optional filters, a page and a sort of {@code field,direction}.
 *
 * @param category only products of this category
 * @param q case-insensitive substring of the name
 * @param minPrice lowest price, inclusive
 * @param maxPrice highest price, inclusive
 * @param page zero-based page number
 * @param size page size, 1 to {@value #MAX_SIZE}
 * @param sort {@code price}, {@code name}, {@code createdAt} or {@code id}, then {@code asc} or {@code desc}
 */
public record ProductQuery(Long category, String q, BigDecimal minPrice, BigDecimal maxPrice, int page, int size,
		String sort) {

	/** The largest page a client may ask for. */
	public static final int MAX_SIZE = 100;

	private static final Set<String> SORTABLE = Set.of("price", "name", "createdAt", "id");

	public ProductQuery {
		if (page < 0) {
			throw new InvalidRequest("page must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidRequest("size must be between 1 and " + MAX_SIZE);
		}
		if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
			throw new InvalidRequest("minPrice must not exceed maxPrice");
		}
		q = (q == null || q.isBlank()) ? null : q.strip();
		if (q != null && q.length() > 100) {
			throw new InvalidRequest("q must be at most 100 characters");
		}
		sort = (sort == null || sort.isBlank()) ? "price,asc" : sort.strip();
		toSort(sort);
	}

	/** The sort as {@code field,asc|desc}, one spelling per meaning. */
	String canonicalSort() {
		Sort.Order order = toSort(sort).iterator().next();
		return order.getProperty() + "," + (order.isAscending() ? "asc" : "desc");
	}

	PageRequest toPageRequest() {
		return PageRequest.of(page, size, toSort(sort).and(Sort.by("id")));
	}

	private static Sort toSort(String sort) {
		String[] parts = sort.split(",");
		String field = parts[0].strip();
		if (!SORTABLE.contains(field) || parts.length > 2) {
			throw new InvalidRequest("sort must be one of " + SORTABLE + " optionally followed by ,asc or ,desc");
		}
		String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
		return switch (direction) {
			case "asc" -> Sort.by(Sort.Direction.ASC, field);
			case "desc" -> Sort.by(Sort.Direction.DESC, field);
			default -> throw new InvalidRequest("sort direction must be asc or desc");
		};
	}

}
