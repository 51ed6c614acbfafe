package dev.storefront.cache;

import java.util.function.Supplier;

import org.springframework.cache.Cache;

/**
 * The tag cache's promise that a loader's exception reaches the caller unchanged: Spring's
 * {@link Cache#get(Object, java.util.concurrent.Callable)} wraps it in a {@code ValueRetrievalException}.
 */
final class LoaderExceptions {

	private LoaderExceptions() {
	}

	static <T> T unwrapped(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (Cache.ValueRetrievalException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

}
