package dev.storefront.catalog;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing cache keys are canonical and bounded whatever the caller sends (issue 11 item 9).
 */
class ListingKeysTests {

	private static final Pattern CANONICAL = Pattern
		.compile("c=(-|\\d+)&min=(-|-?[0-9.]+|h[0-9a-f]{32})&max=(-|-?[0-9.]+|h[0-9a-f]{32})"
				+ "&sort=(price|name|createdAt|id),(asc|desc)&page=\\d+&size=\\d+&q=(-|[0-9a-f]{32})");

	@Test
	void equalPricesSpelledDifferentlyShareOneKey() {
		Set<String> keys = new HashSet<>();
		for (String spelling : new String[] { "1", "1.0", "1E+0", "1.00", "0.1E+1" }) {
			keys.add(key(null, new BigDecimal(spelling), new BigDecimal(spelling), null));
		}
		assertThat(keys).containsExactly("c=-&min=1&max=1&sort=price,asc&page=0&size=20&q=-");
		assertThat(key(null, new BigDecimal("100"), null, null)).contains("&min=100&");
	}

	@Test
	void equalSortsAndCaseInsensitiveTextShareOneKey() {
		assertThat(key(null, null, null, null, "price,ASC")).isEqualTo(key(null, null, null, null, "price"))
			.isEqualTo(key(null, null, null, null, " price , asc "));
		assertThat(key(null, null, null, null, "name,DESC")).contains("&sort=name,desc&");
		assertThat(key(null, null, null, "Shoe")).isEqualTo(key(null, null, null, "shoe"));
	}

	@Test
	void tenThousandDistinctQueriesGiveDistinctBoundedKeysWithoutBraces() {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String q = "{slot" + i + "} " + "\u00e9\u20ac".repeat(i % 40);
			String key = key((long) (i % 7), new BigDecimal("1E-" + (i % 3)), new BigDecimal((i + 1) + ".50"), q);
			assertThat(key).matches(CANONICAL).doesNotContain("{").doesNotContain("}");
			assertThat(key.length()).isLessThanOrEqualTo(160);
			keys.add(key);
		}
		assertThat(keys).hasSize(10_000);
	}

	@Test
	void aHugeExponentIsHashedNotWrittenOut() {
		String key = key(null, new BigDecimal("1E+999999"), null, null);
		assertThat(key).matches(CANONICAL);
		assertThat(key.length()).isLessThan(120);
	}

	private static String key(Long category, BigDecimal min, BigDecimal max, String q) {
		return key(category, min, max, q, null);
	}

	private static String key(Long category, BigDecimal min, BigDecimal max, String q, String sort) {
		return CatalogCaches.listingKey(new ProductQuery(category, q, min, max, 0, 20, sort));
	}

}
