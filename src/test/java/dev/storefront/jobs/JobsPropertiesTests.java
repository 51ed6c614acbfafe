package dev.storefront.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class JobsPropertiesTests {

	@Test
	void aBoundQueueAndAnUnconfiguredQueueKeepJobsAlikeAndAsDocumented() throws IOException {
		JobsProperties bound = new Binder(new MapConfigurationPropertySource(
				Map.of("storefront.jobs.queues.bound.attempts", "2"))).bindOrCreate("storefront.jobs", JobsProperties.class);
		JobsProperties.QueueSettings configured = bound.queue("bound");
		JobsProperties.QueueSettings unconfigured = bound.queue("not-configured");

		assertThat(configured.keepFailed()).isEqualTo(new KeepJobs(10000, Duration.ofDays(7)))
			.isEqualTo(unconfigured.keepFailed());
		assertThat(configured.removeOnComplete()).isEqualTo(new KeepJobs(1000, Duration.ofDays(1)))
			.isEqualTo(unconfigured.removeOnComplete());

		String docs = Files.readString(Path.of("docs/jobs.md"));
		assertThat(docs).contains("| `queues.<name>.remove-on-complete.count/age` | `1000` / `1d` |")
			.contains("| `queues.<name>.remove-on-fail.count/age` | `10000` / `7d` |");
	}

}
