package dev.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lettuce.core.RedisURI;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * PostgreSQL and Redis for the dev run and the tests, with no Docker and nothing installed:
 * <ul>
 * <li>{@code STOREFRONT_TEST_DB_URL} (with {@code _USER} and {@code _PASSWORD}) and
 * {@code STOREFRONT_TEST_REDIS_URL} point at existing services when set;</li>
 * <li>otherwise PostgreSQL is embedded (zonky) and Redis is a local {@code redis-server}
 * ({@link EmbeddedRedis}), each on a free port with its files under {@code target/}.</li>
 * </ul>
 * The servers are started once per JVM and shared by every application context. Mail goes to an
 * embedded GreenMail SMTP server ({@link #mail()}), whose address is logged.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DevPostgres.class)
public class DevServices {

	/**
	 * System property choosing the Redis topology of the shared context: unset for one local server,
	 * {@value #CLUSTER} for the 3+3 {@link RedisCluster} (the {@code topologies} Maven profile sets it).
	 */
	public static final String TOPOLOGY = "storefront.test.redis";

	public static final String CLUSTER = "cluster";

	@Bean
	DataRedisConnectionDetails devRedis() {
		if (CLUSTER.equals(System.getProperty(TOPOLOGY))) {
			List<DataRedisConnectionDetails.Node> nodes = RedisCluster.shared().nodes().stream().map(node -> {
				String[] parts = node.split(":");
				return new DataRedisConnectionDetails.Node(parts[0], Integer.parseInt(parts[1]));
			}).toList();
			return new DataRedisConnectionDetails() {
				@Override
				public Cluster getCluster() {
					return () -> nodes;
				}
			};
		}
		RedisURI uri = RedisURI.create(redisUrl());
		return new DataRedisConnectionDetails() {
			@Override
			public String getPassword() {
				return uri.getPassword() == null ? null : new String(uri.getPassword());
			}

			@Override
			public Standalone getStandalone() {
				return Standalone.of(uri.getHost(), uri.getPort(), uri.getDatabase());
			}
		};
	}

	@Bean
	JavaMailSenderImpl devMailSender() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(SharedMail.INSTANCE.getSmtp().getPort());
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
		return sender;
	}

	/** The shared embedded SMTP server (with IMAP to read its mails), starting it on first use. */
	public static GreenMail mail() {
		return SharedMail.INSTANCE;
	}

	/**
	 * The shared PostgreSQL (starting it on first use), for a process the tests start themselves, such as
	 * {@code PackagedJarIntegrationTests}' {@code java -jar}.
	 */
	public static Database database() {
		Postgres postgres = Postgres.get();
		return new Database(postgres.url, postgres.username, postgres.password);
	}

	/** Where a PostgreSQL is and how to log in to it. */
	public record Database(String url, String username, String password) {
	}

	/** The URL of the shared Redis, starting it on first use. */
	public static String redisUrl() {
		String external = System.getenv("STOREFRONT_TEST_REDIS_URL");
		return external != null && !external.isBlank() ? external : SharedRedis.INSTANCE.url();
	}

	private static final class SharedRedis {

		static final EmbeddedRedis INSTANCE = start();

		private static EmbeddedRedis start() {
			EmbeddedRedis redis = EmbeddedRedis.start();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "dev-redis-stop"));
			return redis;
		}

	}

	private static final class SharedMail {

		static final GreenMail INSTANCE = start();

		private static GreenMail start() {
			GreenMail mail = new GreenMail(new ServerSetup[] {
					new ServerSetup(EmbeddedRedis.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
					new ServerSetup(EmbeddedRedis.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
			mail.start();
			Runtime.getRuntime().addShutdownHook(new Thread(mail::stop, "dev-mail-stop"));
			org.slf4j.LoggerFactory.getLogger(DevServices.class)
				.info("Dev mail: SMTP on 127.0.0.1:{}; read the mails over IMAP on 127.0.0.1:{} "
						+ "(user and password: the recipient's address)", mail.getSmtp().getPort(),
						mail.getImap().getPort());
			return mail;
		}

	}

	/** PostgreSQL from the environment, or one embedded server per JVM. */
	static final class Postgres {

		private static volatile Postgres instance;

		final String url;

		final String username;

		final String password;

		private Postgres(String url, String username, String password) {
			this.url = url;
			this.username = username;
			this.password = password;
		}

		static Postgres get() {
			if (instance == null) {
				synchronized (Postgres.class) {
					if (instance == null) {
						instance = create();
					}
				}
			}
			return instance;
		}

		private static Postgres create() {
			String external = System.getenv("STOREFRONT_TEST_DB_URL");
			if (external != null && !external.isBlank()) {
				return new Postgres(external, env("STOREFRONT_TEST_DB_USER", "postgres"),
						env("STOREFRONT_TEST_DB_PASSWORD", ""));
			}
			try {
				Path base = Files.createDirectories(Path.of("target", "devservices")).toAbsolutePath();
				Path data = base.resolve("postgres-" + UUID.randomUUID());
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setOverrideWorkingDirectory(base.resolve("postgres-bin").toFile())
					.setDataDirectory(data)
					.setCleanDataDirectory(true)
					.setPGStartupWait(Duration.ofSeconds(30))
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off")
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// The JVM is exiting; the data directory is under target/ and gets cleaned.
					}
				}, "dev-postgres-stop"));
				return new Postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
		}

		private static String env(String name, String fallback) {
			String value = System.getenv(name);
			return value == null ? fallback : value;
		}

	}

}
