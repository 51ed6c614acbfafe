package dev.storefront.ratelimit;

import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class FailureLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(FailureLog.class);

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	@BeforeEach
	void capture() {
		events.start();
		logger.addAppender(events);
	}

	@AfterEach
	void release() {
		logger.detachAppender(events);
	}

	@Test
	void logsAnOutageOnceAMinuteNotOncePerRequest() {
		FailureLog log = new FailureLog(Duration.ofMinutes(1));

		for (int i = 0; i < 100; i++) {
			log.failed("anonymous", true, new IllegalStateException("connection refused"));
		}

		assertThat(events.list).hasSize(1);
		assertThat(events.list.get(0).getFormattedMessage()).contains("anonymous", "allowed", "connection refused");
	}

	@Test
	void reportsHowManyFailuresWentUnlogged() {
		FailureLog log = new FailureLog(Duration.ZERO);
		log.failed("login", false, null);
		log.failed("login", false, null);

		assertThat(events.list).hasSize(2);
		assertThat(events.list.get(1).getFormattedMessage()).contains("refused", "circuit breaker open", "(0 similar");
	}

}
