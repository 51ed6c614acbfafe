package dev.storefront.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class StreamAdminIntegrationTests {

	@Autowired
	RedissonClient redisson;

	@Autowired
	StreamPublisher publisher;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	JsonMapper json;

	@Autowired
	private Api api;

	private Api.Session admin;

	private StreamProbe probe;

	@BeforeEach
	void setUp() {
		admin = api.admin();
		probe = new StreamProbe(redisson);
	}

	@Test
	void streamsShowLengthIdsGroupsAndConsumersToAdminsOnly() {
		String last = publisher.publish(StreamProbe.Probe.of("overview"));
		JsonNode streams = api.get("/api/admin/streams").as(admin).send().expect(200).json().get("streams");
		JsonNode events = streams.get(0);
		assertThat(events.get("name").asString()).isEqualTo("sf:events");
		assertThat(events.get("length").asLong()).isPositive();
		assertThat(events.get("firstId").asString()).isNotBlank();
		StreamMessageId lastId = DeadLetters.parse(events.get("lastId").asString());
		StreamMessageId published = DeadLetters.parse(last);
		assertThat(lastId.getId0() > published.getId0()
				|| lastId.getId0() == published.getId0() && lastId.getId1() >= published.getId1()).isTrue();
		JsonNode analytics = null;
		for (JsonNode group : events.get("groups")) {
			if (group.get("name").asString().equals("analytics")) {
				analytics = group;
			}
		}
		assertThat(analytics).isNotNull();
		assertThat(analytics.has("pending")).isTrue();
		assertThat(analytics.has("lag")).isTrue();
		assertThat(analytics.get("lastDeliveredId").asString()).isNotBlank();
		assertThat(analytics.get("consumers")).isNotEmpty();
		assertThat(streams.get(1).get("name").asString()).isEqualTo("sf:events:dlq");

		assertThat(api.get("/api/admin/streams").as(api.newUser()).send().status()).isEqualTo(403);
		assertThat(api.get("/api/admin/streams").send().status()).isEqualTo(401);
	}

	@Test
	void historyPagesForwardAfterAnIdAndBackwardWithReverse() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(publisher.publish(StreamProbe.Probe.of("history-" + i)));
		}
		StreamMessageId first = DeadLetters.parse(ids.get(0));
		String beforeFirst = first.getId1() > 0 ? first.getId0() + "-" + (first.getId1() - 1) : (first.getId0() - 1) + "-99";

		JsonNode page = api.get("/api/admin/streams/events?after=" + beforeFirst + "&count=2").as(admin).send().expect(200)
			.json();
		assertThat(ids(page)).containsExactly(ids.get(0), ids.get(1));
		assertThat(page.get("next").asString()).isEqualTo(ids.get(1));
		JsonNode next = api.get("/api/admin/streams/events?after=" + ids.get(1) + "&count=1").as(admin).send().expect(200)
			.json();
		assertThat(ids(next)).containsExactly(ids.get(2));
		assertThat(next.get("entries").get(0).get("fields").get("type").asString()).isEqualTo("Probe");

		JsonNode newest = api.get("/api/admin/streams/events?after=" + ids.get(2) + "&count=2&reverse=true").as(admin)
			.send().expect(200).json();
		assertThat(ids(newest)).containsExactly(ids.get(1), ids.get(0));

		for (String query : List.of("count=501", "count=0", "after=yesterday", "after=1-2-3")) {
			Api.Response bad = api.get("/api/admin/streams/events?" + query).as(admin).send();
			assertThat(bad.status()).as(query).isEqualTo(400);
			assertThat(bad.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		}
	}

	@Test
	void idsOutOfRangeOrMalformedAreA400ProblemOnEveryEndpointNeverA500() {
		for (String id : List.of("18446744073709551615-0", "1-9223372036854775807", "9223372036854775807-0",
				"1-18446744073709551615", "99999999999999999999-0", "abc", "-1-0", "+1-0", "1-", "-", "1--1")) {
			for (Api.Response bad : List.of(
					api.get("/api/admin/streams/events?after=" + id).as(admin).send(),
					api.get("/api/admin/streams/events?reverse=true&after=" + id).as(admin).send(),
					api.post("/api/admin/streams/dlq/" + id + "/replay", null).as(admin).send(),
					api.delete("/api/admin/streams/dlq/" + id).as(admin).send())) {
				assertThat(bad.status()).as(id).isEqualTo(400);
				assertThat(bad.header("Content-Type").orElseThrow()).as(id).startsWith("application/problem+json");
				assertThat(bad.json().get("type").asString()).as(id).endsWith("/invalid-stream-id");
			}
		}
		// The largest accepted id is a cursor like any other.
		String largest = (Long.MAX_VALUE - 1) + "-" + (Long.MAX_VALUE - 1);
		assertThat(api.get("/api/admin/streams/events?after=" + largest).as(admin).send().expect(200).json()
			.get("entries").isEmpty()).isTrue();
		api.get("/api/admin/streams/events?reverse=true&count=1&after=" + largest).as(admin).send().expect(200);
		api.get("/api/admin/streams/events?reverse=true&after=0-0").as(admin).send().expect(200);
	}

	@Test
	void aDeadLetterCanBeListedReplayedOntoTheStreamAndDeleted() {
		StreamProbe.Probe event = StreamProbe.Probe.of("replay");
		Map<String, String> fields = StreamEntries.encode(event, json);
		StreamMessageId source = new StreamMessageId(1, 1);
		String replayable = deadLetters.add("some-group", source, fields, "boom", 5).toString();
		String deletable = deadLetters.add("some-group", source, fields, "boom again", 5).toString();

		JsonNode letters = api.get("/api/admin/streams/dlq?count=500").as(admin).send().expect(200).json();
		assertThat(ids(letters)).contains(replayable, deletable);
		JsonNode letter = letters.get("entries").get(0);
		assertThat(letter.get("id").asString()).isEqualTo(deletable); // newest first
		assertThat(letter.get("fields").get("group").asString()).isEqualTo("some-group");
		assertThat(letter.get("fields").get("error").asString()).isEqualTo("boom again");
		assertThat(letter.get("fields").get("deliveries").asString()).isEqualTo("5");

		JsonNode replayed = api.post("/api/admin/streams/dlq/" + replayable + "/replay", null).as(admin).send().expect(200)
			.json();
		StreamMessageId copy = DeadLetters.parse(replayed.get("replayedAs").asString());
		assertThat(probe.events().range(copy, copy).get(copy)).isEqualTo(fields);
		assertThat(api.post("/api/admin/streams/dlq/" + replayable + "/replay", null).as(admin).send().status())
			.isEqualTo(404);

		api.delete("/api/admin/streams/dlq/" + deletable).as(admin).send().expect(204);
		Api.Response gone = api.delete("/api/admin/streams/dlq/" + deletable).as(admin).send();
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("id").asString()).isEqualTo(deletable);
		assertThat(api.delete("/api/admin/streams/dlq/nonsense").as(admin).send().status()).isEqualTo(400);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("entries").forEach(entry -> ids.add(entry.get("id").asString()));
		return ids;
	}

}
