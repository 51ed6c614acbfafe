package dev.storefront.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;

import dev.storefront.support.Api;
import dev.storefront.support.Api.Session;
import dev.storefront.support.IntegrationTest;
import dev.storefront.support.RedisCluster;
import dev.storefront.support.RedisProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session expiry cleanup on a Redis Cluster: when a session's {@code expires} key expires, on whichever master
 * it lives, the indexed repository hears it and removes the session from its user's principal index. Runs in
 * the Cluster execution of the {@code topologies} profile (on one server it holds trivially).
 */
@IntegrationTest
class ClusterSessionExpiryIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void expiredSessionsLeaveThePrincipalIndexOnEveryMaster() {
		Session shopper = api.newUser();
		List<String> sessions = new ArrayList<>(List.of(shopper.token()));
		// Enough sessions that their expires keys land on every master's slot range.
		while (sessions.stream().map(id -> SlotHash.getSlot(expiresKey(id)) * 3 / SlotHash.SLOT_COUNT).distinct()
			.count() < 3) {
			sessions.add(api.login(shopper.email(), "password123").token());
		}
		String index = "sf:session:index:" + FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME + ":"
				+ shopper.userId();
		await().atMost(Duration.ofSeconds(10)).until(() -> indexed(index).containsAll(sessions));

		sessions.forEach(id -> redis.expire(expiresKey(id), Duration.ofMillis(1)));

		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(indexed(index))
			.as("principal index after expiry").doesNotContainAnyElementsOf(sessions));
	}

	@Test
	void theAppAddsTheEventsItNeedsOnEveryNodeAndKeepsTheConfs() {
		java.util.Map<String, String> flags = new java.util.TreeMap<>();
		for (int port : RedisCluster.shared().ports()) {
			String answer = RedisProcess.cli("-p", String.valueOf(port), "config", "get", "notify-keyspace-events");
			String role = RedisProcess.cli("-p", String.valueOf(port), "role").lines().findFirst().orElse("");
			flags.put(port + " " + role, answer.substring(answer.indexOf("notify-keyspace-events")
					+ "notify-keyspace-events".length()).strip());
		}
		assertThat(flags).as("flags per node").allSatisfy((node, value) -> assertThat(value).contains("E", "g", "x")
			.contains(RedisCluster.CONF_KEYSPACE_EVENTS.split("")));
	}

	/** Session ids in the index; the repository writes them with the session serializer (JSON strings). */
	private Set<String> indexed(String index) {
		return redis.opsForSet().members(index).stream().map(id -> id.replace("\"", "")).collect(Collectors.toSet());
	}

	private static String expiresKey(String sessionId) {
		return "sf:session:sessions:expires:" + sessionId;
	}

}
