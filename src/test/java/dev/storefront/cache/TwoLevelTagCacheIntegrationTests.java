package dev.storefront.cache;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;

import dev.storefront.support.DevServices;

/** The {@link TagCache} contract on the two-level cache. */
class TwoLevelTagCacheIntegrationTests extends TagCacheContract {

	private final String name = "tagged" + UUID.randomUUID().toString().substring(0, 8);

	private final TestStack stack = new TestStack(DevServices.redisUrl(),
			TestStack.properties(name, TestStack.settings(Duration.ofMinutes(1), Duration.ZERO, 0)));

	@AfterEach
	void stop() throws Exception {
		stack.close();
	}

	@Override
	TagCache tags() {
		return stack.tags();
	}

	@Override
	String cacheName() {
		return name;
	}

}
