package dev.storefront.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.storefront.catalog.WishlistFlags.Flags;

import static org.assertj.core.api.Assertions.assertThat;

class WishlistMarkingTests {

	private final List<Product> products = List.of(product(1), product(2));

	@Test
	void marksEachProductFromOneLookup() {
		int[] lookups = { 0 };
		MockHttpServletResponse response = new MockHttpServletResponse();

		List<Product> marked = marking(ids -> {
			lookups[0]++;
			return Flags.of(Set.of(2L));
		}).mark(products, response);

		assertThat(lookups[0]).isEqualTo(1);
		assertThat(marked).extracting(Product::wishlisted).containsExactly(false, true);
		assertThat(marked.get(1).etag()).isEqualTo("\"2-3-w1\"");
		assertThat(response.getHeader("Storefront-Degraded")).isNull();
	}

	@Test
	void anAnonymousCallerGetsNoFlag() {
		List<Product> marked = marking(ids -> Flags.NONE).mark(products, new MockHttpServletResponse());
		assertThat(marked).extracting(Product::wishlisted).containsOnlyNulls();
		assertThat(marked.get(0).etag()).isEqualTo("\"1-3\"");
	}

	@Test
	void anUnreadableWishlistLeavesTheFlagOutAndMarksTheResponseDegraded() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		List<Product> marked = marking(ids -> Flags.UNAVAILABLE).mark(products, response);
		assertThat(marked).extracting(Product::wishlisted).containsOnlyNulls();
		assertThat(response.getHeader("Storefront-Degraded")).isEqualTo("wishlist");
	}

	@Test
	void aTagReadWithTheFlagStillAdmitsAWriteOfThatVersion() {
		assertThat(ETags.matchesVersion("\"7-3-w1\"", "\"7-3\"")).isTrue();
		assertThat(ETags.matchesVersion("W/\"7-3-w0\"", "\"7-3\"")).isTrue();
		assertThat(ETags.matchesVersion("\"7-2-w1\"", "\"7-3\"")).isFalse();
		assertThat(ETags.matches("\"7-3\"", "\"7-3-w1\"")).isFalse();
	}

	private static WishlistMarking marking(WishlistFlags flags) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("flags", flags);
		return new WishlistMarking(beans.getBeanProvider(WishlistFlags.class));
	}

	private static Product product(long id) {
		return new Product(id, "SKU-" + id, "p-" + id, "P" + id, null, new BigDecimal("1.00"), "EUR", 1, 1,
				Instant.EPOCH, Instant.EPOCH, 3);
	}

}
