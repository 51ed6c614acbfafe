package dev.storefront.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

import dev.storefront.order.Order;
import dev.storefront.support.DevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern for event tests: the analytics module with what it depends on, a {@link Scenario} that
 * publishes an event in a transaction and waits (no sleeping) until its effect shows. Here an
 * {@code OrderConfirmed} travels through the outbox, the stream and the {@code analytics} group into the
 * week's bestsellers.
 */
// config: the cache's @CacheRedis factory is reached through a qualifier, which Modulith does not
// count as a bootstrap dependency.
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "config")
@Import(DevServices.class)
@ActiveProfiles("test")
class BestsellerScenarioIntegrationTests {

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aConfirmedOrderReachesTheWeeksBestsellers(Scenario scenario) {
		long product = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
		long orderId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
		Order.OrderConfirmed confirmed = new Order.OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, 1L,
				new BigDecimal("6.00"), "EUR", List.of(new Order.Line(product, 3, new BigDecimal("2.00"))));
		String key = "sf:an:best:" + IsoWeek.of(LocalDate.now(ZoneOffset.UTC));

		scenario.publish(confirmed)
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(() -> redis.opsForZSet().score(key, String.valueOf(product)), score -> score != null)
			.andVerify(score -> assertThat(score).isEqualTo(3.0));
	}

}
