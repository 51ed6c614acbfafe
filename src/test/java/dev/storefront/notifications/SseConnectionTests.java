package dev.storefront.notifications;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay-then-live handover of one SSE stream, on an emitter that records what it would write.
 */
class SseConnectionTests {

	private final List<String> sent = new ArrayList<>();

	private final SseEmitter emitter = new SseEmitter() {
		@Override
		public void send(SseEventBuilder builder) throws IOException {
			Set<ResponseBodyEmitter.DataWithMediaType> parts = builder.build();
			StringBuilder text = new StringBuilder();
			parts.forEach(part -> text.append(part.getData()));
			for (String line : text.toString().split("\n")) {
				if (line.startsWith("id:")) {
					sent.add(line.substring(3));
				}
				else if (line.startsWith(":")) {
					sent.add(line);
				}
			}
		}
	};

	@Test
	void liveNotificationsWaitForTheReplayAndNothingIsSentTwice() throws IOException {
		SseConnection connection = new SseConnection(7, "fp", emitter, "100-0");
		connection.deliver(notification("102-0"));
		connection.deliver(notification("103-0"));

		connection.replay(List.of(notification("101-0"), notification("102-0")));
		connection.deliver(notification("103-0"));
		connection.deliver(notification("104-0"));

		assertThat(sent).containsExactly("101-0", "102-0", "103-0", "104-0");
	}

	@Test
	void aFreshStreamGoesLiveAtOnceAndSkipsOlderIds() throws IOException {
		SseConnection connection = new SseConnection(7, "fp", emitter, null);
		connection.deliver(notification("5-1"));
		connection.deliver(notification("5-0"));
		connection.deliver(notification("10-0"));
		assertThat(sent).containsExactly("5-1", "10-0");
	}

	@Test
	void aClosedStreamSendsNothing() throws IOException {
		SseConnection connection = new SseConnection(7, "fp", emitter, null);
		connection.close();
		connection.deliver(notification("1-0"));
		connection.comment("heartbeat");
		assertThat(sent).isEmpty();
	}

	@Test
	void streamIdsCompareNumericallyNotAsText() {
		assertThat(StreamIds.compare("999-0", "1000-0")).isNegative();
		assertThat(StreamIds.compare("1000-10", "1000-9")).isPositive();
		assertThat(StreamIds.compare("1000-1", "1000-1")).isZero();
		assertThat(StreamIds.isValid("1764480000000-0")).isTrue();
		assertThat(StreamIds.isValid("$")).isFalse();
		assertThat(StreamIds.isValid("1-2-3")).isFalse();
	}

	private static Notification notification(String id) {
		return new Notification(id, "order.placed", Instant.EPOCH, Map.of("orderId", 1));
	}

}
