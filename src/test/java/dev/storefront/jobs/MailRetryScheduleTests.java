package dev.storefront.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped retry schedule of the mail queues ({@code application.yml}): even if every jitter takes
 * its whole fraction off, the attempts of one mail span more than an hour of SMTP outage, and no two
 * attempts are further apart than the ceiling, so a mail leaves soon after the server is back.
 */
class MailRetryScheduleTests {

	/** The smallest delay jitter can give: the whole fraction taken off. */
	private static final RandomGenerator WORST_JITTER = new RandomGenerator() {
		@Override
		public long nextLong() {
			return -1;
		}

		@Override
		public double nextDouble() {
			return Math.nextDown(1.0);
		}
	};

	@ParameterizedTest
	@ValueSource(strings = { "email", "email-welcome" })
	void theAttemptsOfOneMailSpanMoreThanAnHourAndAreAtMostFiveMinutesApart(String queue) {
		JobsProperties.QueueSettings settings = shipped().queue(queue);
		Backoff backoff = settings.backoff();
		long total = 0;
		long longest = 0;
		for (int attempt = 1; attempt < settings.attempts(); attempt++) {
			long delay = Backoff.delayMillis(backoff.type(), backoff.delay().toMillis(), backoff.jitter(), attempt,
					settings.maxBackoff().toMillis(), WORST_JITTER);
			total += delay;
			longest = Math.max(longest, Backoff.delayMillis(backoff.type(), backoff.delay().toMillis(), 0, attempt,
					settings.maxBackoff().toMillis(), WORST_JITTER));
		}
		assertThat(settings.attempts()).isGreaterThanOrEqualTo(20);
		assertThat(Duration.ofMillis(total)).isGreaterThanOrEqualTo(Duration.ofHours(1));
		assertThat(Duration.ofMillis(longest)).isLessThanOrEqualTo(Duration.ofMinutes(5));
	}

	private static JobsProperties shipped() {
		try {
			List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
					new ClassPathResource("application.yml"));
			return new Binder(ConfigurationPropertySources.from(yaml)).bindOrCreate("storefront.jobs", JobsProperties.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
