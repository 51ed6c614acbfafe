package dev.storefront.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

final class ProductSpecifications {

	private ProductSpecifications() {
	}

	/** Filters that the partial indexes of V1 serve: category + price, and a trigram index on lower(name). */
	static Specification<ProductEntity> matching(ProductQuery query) {
		return (root, criteria, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (query.category() != null) {
				predicates.add(cb.equal(root.get("categoryId"), query.category()));
			}
			if (query.q() != null) {
				predicates.add(cb.like(cb.lower(root.get("name")), "%" + escape(query.q()) + "%", '\\'));
			}
			if (query.minPrice() != null) {
				predicates.add(cb.greaterThanOrEqualTo(root.get("price"), query.minPrice()));
			}
			if (query.maxPrice() != null) {
				predicates.add(cb.lessThanOrEqualTo(root.get("price"), query.maxPrice()));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private static String escape(String text) {
		return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
