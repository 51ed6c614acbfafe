package dev.storefront.support;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} started from one of the repository's production conf files (under
 * {@code deploy/redis/}), unchanged except for what a test must substitute: {@code bind} (loopback),
 * {@code port} (a free one), {@code dir} and {@code aclfile} (copies under {@code target/}).
 */
public final class ConfiguredRedis implements AutoCloseable {

	private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.");

	private final int port;

	private final Process process;

	private final Path conf;

	private final Path dir;

	private ConfiguredRedis(int port, Process process, Path conf, Path dir) {
		this.port = port;
		this.process = process;
		this.conf = conf;
		this.dir = dir;
	}

	/** Starts a server from {@code conf} with the ACL users of {@code acl}; stopped at JVM exit or by close. */
	public static ConfiguredRedis start(Path conf, Path acl) {
		int port = EmbeddedRedis.freePort();
		try {
			Path dir = Files.createDirectories(Path.of("target", "devservices", "conf-redis-" + port)).toAbsolutePath();
			Path users = Files.copy(acl, dir.resolve("users.acl"));
			List<String> lines = Files.readAllLines(conf).stream().map(line -> {
				if (line.startsWith("bind ")) {
					return "bind 127.0.0.1";
				}
				if (line.startsWith("port ")) {
					return "port " + port;
				}
				if (line.startsWith("dir ")) {
					return "dir " + dir;
				}
				if (line.startsWith("aclfile ")) {
					return "aclfile " + users;
				}
				return line;
			}).toList();
			Path copy = Files.write(dir.resolve(conf.getFileName()), lines);
			return launch(port, copy, dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Redis from " + conf, ex);
		}
	}

	/**
	 * Stops this server as SHUTDOWN does (SIGTERM: the AOF is flushed and fsynced) and starts a new one on
	 * the same port, conf and directory, which loads what this one persisted.
	 */
	public ConfiguredRedis restart() {
		close();
		try {
			return launch(port, conf, dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restart Redis from " + conf, ex);
		}
	}

	/** What the server logged (its log file is overwritten by a restart). */
	public String log() {
		try {
			return Files.readString(dir.resolve("redis.log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ConfiguredRedis launch(int port, Path conf, Path dir) throws IOException {
		Process process = new ProcessBuilder(executable().getAbsolutePath(), conf.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("redis.log").toFile())
			.start();
		ConfiguredRedis redis = new ConfiguredRedis(port, process, conf, dir);
		Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "conf-redis-stop"));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("redis-server exited: see " + dir.resolve("redis.log"));
			}
			return accepts(port);
		});
		return redis;
	}

	/** The major version of the redis-server these tests start (the ACL files need 7). */
	public static int majorVersion() {
		try {
			Process process = new ProcessBuilder(executable().getAbsolutePath(), "--version").redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			Matcher matcher = VERSION.matcher(output);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	/** A started connection factory logged in as {@code user}; the caller destroys it. */
	public LettuceConnectionFactory connectionFactory(String user, String password) {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", port);
		server.setUsername(user);
		server.setPassword(password);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(server,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@Override
	public void close() {
		if (process.isAlive()) {
			process.destroy();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static File executable() throws IOException {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server").get();
		}
		catch (FileNotFoundException ex) {
			File binaries = Files.createDirectories(Path.of("target", "devservices", "bin")).toFile();
			return ExecutableProvider.newJarResourceProvider(binaries).get();
		}
	}

}
