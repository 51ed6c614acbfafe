package dev.storefront.support;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
		try {
			server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
