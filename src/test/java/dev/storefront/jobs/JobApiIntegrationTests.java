package dev.storefront.jobs;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/jobs/{id}} visibility and the admin queue operations over HTTP.
 */
@IntegrationTest
class JobApiIntegrationTests extends QueueTestSupport {

	@Autowired
	Api api;

	@Test
	void onlyTheCreatorAndAdminsSeeAJob() {
		Api.Session owner = api.newUser();
		Api.Session other = api.newUser();
		Job job = queues.add(queue, "report", Map.of("x", 1), JobOptions.defaults().withOwner(owner.userId()));

		JsonNode seen = api.get("/api/jobs/" + job.globalId()).as(owner).send().expect(200).json();
		assertThat(seen.get("id").asString()).isEqualTo(queue + ":" + job.id());
		assertThat(seen.get("queue").asString()).isEqualTo(queue);
		assertThat(seen.get("state").asString()).isEqualTo("waiting");
		assertThat(seen.get("progress").asInt()).isZero();
		api.get("/api/jobs/" + job.globalId()).as(api.admin()).send().expect(200);
		Api.Response hidden = api.get("/api/jobs/" + job.globalId()).as(other).send().expect(404);
		assertThat(hidden.header("Content-Type")).hasValue("application/problem+json");
		api.get("/api/jobs/" + queue + ":nope").as(owner).send().expect(404);
		api.get("/api/jobs/" + job.globalId()).send().expect(401);
	}

	@Test
	void adminsPauseResumeRetryAndCleanQueues() {
		Api.Session admin = api.admin();
		start(handler(job -> {
			if (job.name().equals("bad")) {
				throw new IllegalStateException("bad job");
			}
			return "ok";
		}), settings(1));
		Job bad = queues.add(queue, "bad", "{}", JobOptions.defaults());
		await().atMost(Duration.ofSeconds(5)).until(() -> job(bad.id()).state() == JobState.FAILED);

		JsonNode failed = api.get("/api/admin/queues/" + queue + "/jobs?state=failed&page=0&size=10").as(admin).send()
			.expect(200).json();
		assertThat(failed.get(0).get("failedReason").asString()).isEqualTo("IllegalStateException: bad job");
		api.post("/api/admin/queues/" + queue + "/pause", null).as(admin).send().expect(200);
		assertThat(queues.isPaused(queue)).isTrue();
		api.post("/api/admin/jobs/" + bad.globalId() + "/retry", null).as(admin).send().expect(202);
		assertThat(job(bad.id()).state()).isEqualTo(JobState.PAUSED);
		api.post("/api/admin/queues/" + queue + "/resume", null).as(admin).send().expect(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> job(bad.id()).state() == JobState.FAILED);
		assertThat(api.post("/api/admin/queues/" + queue + "/retry-failed", null).as(admin).send().expect(200).json()
			.get("retried").asLong()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> job(bad.id()).state() == JobState.FAILED);
		assertThat(api.delete("/api/admin/queues/" + queue + "/jobs?state=failed&olderThan=1h").as(admin).send()
			.expect(200).json().get("deleted").asLong()).isZero();
		assertThat(api.delete("/api/admin/queues/" + queue + "/jobs?state=failed&olderThan=0s").as(admin).send()
			.expect(200).json().get("deleted").asLong()).isEqualTo(1);

		JsonNode overview = api.get("/api/admin/queues").as(admin).send().expect(200).json();
		JsonNode email = overview.valueStream().filter(q -> q.get("name").asString().equals("email")).findFirst().orElseThrow();
		assertThat(email.get("limiter").get("max").asInt()).isPositive();
		assertThat(email.get("counts").has("completed")).isTrue();
		assertThat(email.get("workers").size()).isPositive();
		api.get("/api/admin/queues").as(api.newUser()).send().expect(403);
	}

}
