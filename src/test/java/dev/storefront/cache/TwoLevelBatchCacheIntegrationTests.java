package dev.storefront.cache;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;

import dev.storefront.support.DevServices;

/** The {@link BatchCache} contract on the two-level cache. */
class TwoLevelBatchCacheIntegrationTests extends BatchCacheContract {

	private final String name = "batched" + UUID.randomUUID().toString().substring(0, 8);

	private final TestStack stack = new TestStack(DevServices.redisUrl(),
			TestStack.properties(name, TestStack.settings(Duration.ofMinutes(1), Duration.ZERO, 0)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
	}

	@Override
	BatchCache batch() {
		return stack.batch();
	}

	@Override
	String cacheName() {
		return name;
	}

}
