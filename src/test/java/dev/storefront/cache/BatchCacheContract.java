package dev.storefront.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What every {@link BatchCache} does, whatever the mode: one suite that each implementation runs.
 * {@link #cacheName()} is configured, nothing else is.
 */
abstract class BatchCacheContract {

	private final List<Set<Long>> loaderCalls = new CopyOnWriteArrayList<>();

	abstract BatchCache batch();

	abstract String cacheName();

	@Test
	void loadsOnlyWhatIsMissingInOneCallAndKeepsTheAskedOrder() {
		assertThat(read(List.of(2L, 1L))).containsExactly(Map.entry(2L, thing(2)), Map.entry(1L, thing(1)));

		assertThat(read(List.of(3L, 1L, 2L))).containsExactly(Map.entry(3L, thing(3)), Map.entry(1L, thing(1)),
				Map.entry(2L, thing(2)));
		assertThat(loaderCalls).containsExactly(Set.of(1L, 2L), Set.of(3L));
	}

	@Test
	void keysTheLoaderDoesNotReturnAreAbsentFromTheResult() {
		assertThat(read(List.of(1L, 404L))).containsOnlyKeys(1L);
	}

	@Test
	void anUnknownCacheNameIsAProgrammingErrorNotAnUncachedRead() {
		assertThatIllegalStateException()
			.isThrownBy(() -> batch().getAll("not-configured", List.of(1L), (Set<Long> ids) -> Map.of()))
			.withMessageContaining("No cache named not-configured");
	}

	private Map<Long, Thing> read(List<Long> ids) {
		return batch().getAll(cacheName(), ids, (Set<Long> missing) -> {
			loaderCalls.add(Set.copyOf(missing));
			Map<Long, Thing> found = new java.util.HashMap<>();
			missing.stream().filter(id -> id != 404L).forEach(id -> found.put(id, thing(id)));
			return found;
		});
	}

	private static Thing thing(long id) {
		return new Thing(id, "thing " + id);
	}

}
