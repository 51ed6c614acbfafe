package dev.storefront.support;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A throwaway Redis server on a free port: the {@code redis-server} on PATH when there is one, else the
 * binary bundled with embedded-redis. Nothing is persisted and its files stay under {@code target/}.
 * Tests that need to stop Redis mid-way start their own instance.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final int port;

	private final RedisServer server;

	private long pid;

	private EmbeddedRedis(int port, RedisServer server) {
		this.port = port;
		this.server = server;
	}

	public static EmbeddedRedis start() {
		return start(false);
	}

	/**
	 * @param bundled use the binary bundled with embedded-redis even when {@code redis-server} is on PATH
	 * (what a machine without Redis gets; {@code EmbeddedRedisIntegrationTests} proves it runs here)
	 */
	public static EmbeddedRedis start(boolean bundled) {
		int port = freePort();
		try {
			Path dir = Files.createDirectories(Path.of("target", "devservices", "redis-" + port)).toAbsolutePath();
			RedisServer server = RedisServer.newRedisServer()
				.executableProvider(bundled ? bundled(dir) : executable(dir))
				.bind("127.0.0.1")
				.port(port)
				.setting("dir " + dir)
				.setting("save \"\"")
				.setting("appendonly no")
				.setting("protected-mode yes")
				.onShutdownForceStop(true)
				.build();
			server.start();
			return new EmbeddedRedis(port, server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Redis", ex);
		}
	}

	private static ExecutableProvider executable(Path dir) {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server");
		}
		catch (FileNotFoundException ex) {
			return bundled(dir);
		}
	}

	private static ExecutableProvider bundled(Path dir) {
		File binaries = dir.resolve("bin").toFile();
		binaries.mkdirs();
		return ExecutableProvider.newJarResourceProvider(binaries);
	}

	public int port() {
		return port;
	}

	public String url() {
		return "redis://127.0.0.1:" + port;
	}

	/**
	 * A started connection factory for this server, for tests that build components by hand; the caller
	 * destroys it.
	 */
	public LettuceConnectionFactory connectionFactory(Duration commandTimeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(commandTimeout).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	public void stop() {
		try {
			server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void restart() {
		pid = 0;
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Freezes the server process (SIGSTOP): connections stay open and every command hangs, as with a
	 * stalled Redis. {@link #resume()} thaws it with everything it held.
	 */
	public void pause() {
		signal("STOP");
	}

	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The server's process id, asked once while it answers. */
	private synchronized long pid() {
		if (pid == 0) {
			RedisClient client = RedisClient.create(url());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				String info = connection.sync().info("server");
				pid = info.lines()
					.filter(line -> line.startsWith("process_id:"))
					.mapToLong(line -> Long.parseLong(line.substring("process_id:".length()).strip()))
					.findFirst()
					.orElseThrow();
			}
			finally {
				client.shutdown();
			}
		}
		return pid;
	}

	@Override
	public void close() {
		if (server.isActive()) {
			stop();
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
