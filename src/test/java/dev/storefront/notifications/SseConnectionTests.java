package dev.storefront.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay-then-live handover of one SSE stream, on an output that records what it is offered.
 */
class SseConnectionTests {

	private final List<String> sent = new ArrayList<>();

	/** An output that records the ids and comments it is offered, and refuses once told to. */
	private final SseOutput output = new SseOutput() {

		@Override
		public boolean offer(String frame) {
			if (refuse) {
				return false;
			}
			for (String line : frame.split("\n")) {
				if (line.startsWith("id:")) {
					sent.add(line.substring(3));
				}
				else if (line.startsWith(":")) {
					sent.add(line);
				}
			}
			return true;
		}

		@Override
		public void close() {
			closes++;
		}

	};

	private boolean refuse;

	private int closes;

	@Test
	void liveNotificationsWaitForTheReplayAndNothingIsSentTwice() {
		SseConnection connection = connection("100-0");
		connection.deliver(notification("102-0"), null);
		connection.deliver(notification("103-0"), null);

		connection.replay(List.of(notification("101-0"), notification("102-0")));
		connection.deliver(notification("103-0"), null);
		connection.deliver(notification("104-0"), null);

		assertThat(sent).containsExactly("101-0", "102-0", "103-0", "104-0");
	}

	@Test
	void aFreshStreamGoesLiveAtOnceAndSkipsOlderIds() {
		SseConnection connection = connection(null);
		connection.deliver(notification("5-1"), null);
		connection.deliver(notification("5-0"), null);
		connection.deliver(notification("10-0"), null);
		assertThat(sent).containsExactly("5-1", "10-0");
	}

	@Test
	void aClosedStreamSendsNothing() {
		SseConnection connection = connection(null);
		connection.close();
		connection.deliver(notification("1-0"), null);
		connection.comment("heartbeat");
		assertThat(sent).isEmpty();
		assertThat(closes).isEqualTo(1);
	}

	@Test
	void aRefusedFrameClosesTheConnectionAndNothingFollows() {
		SseConnection connection = connection(null);
		connection.deliver(notification("1-0"), null);
		refuse = true;
		connection.deliver(notification("2-0"), null);
		assertThat(connection.isClosed()).isTrue();
		refuse = false;
		connection.deliver(notification("3-0"), null);
		connection.comment("heartbeat");
		assertThat(sent).containsExactly("1-0");
	}

	@Test
	void framesAreTheSseWireFormat() {
		assertThat(SseConnection.frame(notification("5-0"), "{}")).isEqualTo("id:5-0\nevent:order.placed\ndata:{}\n\n");
		assertThat(SseConnection.commentFrame("heartbeat")).isEqualTo(":heartbeat\n\n");
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

	private SseConnection connection(String lastEventId) {
		return new SseConnection(7, "fp", output, n -> SseConnection.frame(n, "{}"), lastEventId);
	}

	private static Notification notification(String id) {
		return new Notification(id, "order.placed", Instant.EPOCH, Map.of("orderId", 1));
	}

}
