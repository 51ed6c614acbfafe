package dev.storefront.cache;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TagCache} does, whatever the mode: one suite that each implementation runs (as
 * bucket4j runs one suite against every backend). {@link #cacheName()} is configured, nothing else is.
 */
abstract class TagCacheContract {

	private final String tag = "tag-" + UUID.randomUUID();

	private final AtomicInteger loads = new AtomicInteger();

	abstract TagCache tags();

	abstract String cacheName();

	@Test
	void aSecondReadIsServedWithoutTheLoader() {
		assertThat(read("a", "first")).isEqualTo(new Thing(1, "first"));
		assertThat(read("a", "second")).isEqualTo(new Thing(1, "first"));
		assertThat(loads).hasValue(1);
	}

	@Test
	void invalidatingATagMakesTheNextReadLoadAgain() {
		read("b", "first");

		tags().invalidate(tag);

		assertThat(read("b", "second")).isEqualTo(new Thing(1, "second"));
		assertThat(loads).hasValue(2);
	}

	@Test
	void theLoadersExceptionReachesTheCallerUnchanged() {
		IllegalArgumentException failure = new IllegalArgumentException("boom");
		assertThatThrownBy(() -> tags().get(cacheName(), "c", List.of(tag), () -> {
			throw failure;
		})).isSameAs(failure);
	}

	@Test
	void anUnknownCacheNameIsAProgrammingErrorNotAnUncachedRead() {
		assertThatIllegalStateException()
			.isThrownBy(() -> tags().get("not-configured", "d", List.of(tag), () -> new Thing(1, "x")))
			.withMessageContaining("No cache named not-configured");
	}

	private Thing read(String key, String name) {
		return tags().get(cacheName(), key, List.of(tag), () -> {
			loads.incrementAndGet();
			return new Thing(1, name);
		});
	}

}
