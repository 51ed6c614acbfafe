package dev.storefront.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With no Redis at all (a closed port): the admin endpoints answer 503 with Retry-After, and a consumer
 * loop keeps backing off instead of dying, and still stops promptly.
 */
class StreamsRedisDownTests {

	private final RedissonClient redisson = Redisson.create(deadRedis());

	private final EventsProperties properties = ConsumerGroupIntegrationTests.FAST;

	private final DeadLetters deadLetters = new DeadLetters(redisson, JsonMapper.builder().build(), properties);

	@AfterEach
	void tearDown() {
		redisson.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
	}

	@Test
	void adminEndpointsAnswer503WithRetryAfterWhileRedisIsUnreachable() {
		StreamAdminController controller = new StreamAdminController(new StreamAdmin(redisson), deadLetters);
		assertThatThrownBy(controller::streams).isInstanceOfSatisfying(StreamsUnavailable.class, ex -> {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(ex.getBody().getType().toString()).endsWith("streams-unavailable");
		});
		assertThatThrownBy(() -> controller.deadLetters(10)).isInstanceOf(StreamsUnavailable.class);
		assertThatThrownBy(() -> controller.replay("1-0")).isInstanceOf(StreamsUnavailable.class);
	}

	@Test
	void aConsumerLoopBacksOffWhileRedisIsUnreachableAndStillStopsPromptly() throws Exception {
		StreamEventHandler handler = new StreamEventHandler() {
			@Override
			public String group() {
				return "down";
			}

			@Override
			public void handle(StreamEvent event) {
			}
		};
		GroupConsumer consumer = new GroupConsumer(redisson, handler, "lonely", properties, deadLetters,
				new EventMetrics(new SimpleMeterRegistry()));
		consumer.start();
		await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(consumer::isAlive);
		long started = System.nanoTime();
		consumer.stop(Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
	}

	private static Config deadRedis() {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort(); // closed again at once: nothing listens there
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Config config = new Config();
		config.setCodec(StringCodec.INSTANCE);
		config.setLazyInitialization(true);
		config.setNettyThreads(2);
		config.useSingleServer().setAddress("redis://127.0.0.1:" + port).setConnectTimeout(200).setTimeout(200)
			.setRetryAttempts(0).setConnectionPoolSize(2).setConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(1).setSubscriptionConnectionMinimumIdleSize(0);
		return config;
	}

}
