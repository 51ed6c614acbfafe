package dev.storefront.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish script trims the stream only below the slowest consumer group (issue 19 §5): a lagging
 * group's unread and pending entries survive; once every group is through, the max length applies again.
 * It runs on a stream of its own, so the app's groups on {@code sf:events} play no part.
 */
@IntegrationTest
class StreamTrimIntegrationTests {

	private static final int MAX_LENGTH = 100;

	@Autowired
	StringRedisTemplate redis;

	private final String stream = "{sf:trimtest-" + UUID.randomUUID() + "}";

	@Test
	void aLaggingGroupsUnreadAndPendingEntriesAreNeverTrimmed() {
		redis.opsForStream().createGroup(stream, ReadOffset.from("0-0"), "lagging");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(publish(i));
		}
		List<MapRecord<String, Object, Object>> read = redis.opsForStream().read(Consumer.from("lagging", "c1"),
				StreamReadOptions.empty().count(5), StreamOffset.create(stream, ReadOffset.lastConsumed()));
		assertThat(read).hasSize(5);
		redis.opsForStream().acknowledge(stream, "lagging", read.get(0).getId(), read.get(1).getId());

		for (int i = 5; i < 1005; i++) {
			ids.add(publish(i));
		}

		// Only the two acknowledged entries could go: the oldest pending one and all unread ones stay.
		assertThat(redis.opsForStream().size(stream)).isEqualTo(1003);
		assertThat(first()).isEqualTo(ids.get(2));

		// The group catches up and acknowledges everything: the max length applies again.
		List<MapRecord<String, Object, Object>> rest = redis.opsForStream().read(Consumer.from("lagging", "c1"),
				StreamReadOptions.empty().count(2000), StreamOffset.create(stream, ReadOffset.lastConsumed()));
		assertThat(rest).hasSize(1000);
		redis.opsForStream().acknowledge(stream, "lagging", ids.stream().skip(2).toArray(String[]::new));
		ids.add(publish(1005));

		assertThat(redis.opsForStream().size(stream)).isEqualTo(MAX_LENGTH);
		assertThat(first()).isEqualTo(ids.get(ids.size() - MAX_LENGTH));
	}

	private String publish(int n) {
		return redis.execute(EventScripts.PUBLISH, List.of(stream, stream + ":pub:" + n), "60000",
				String.valueOf(MAX_LENGTH), "n", String.valueOf(n));
	}

	private String first() {
		List<MapRecord<String, Object, Object>> first = redis.opsForStream().range(stream, Range.unbounded(),
				Limit.limit().count(1));
		return first.get(0).getId().getValue();
	}

}
