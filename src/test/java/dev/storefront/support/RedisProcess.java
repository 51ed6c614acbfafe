package dev.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One {@code redis-server} (or sentinel) process started from the binary on PATH with a generated config
 * file, its data and log under {@code target/topologies/}. Stopped by {@link #close()} and, as a safety net,
 * when the JVM exits. {@link #kill()} is a SIGKILL, for failover tests.
 */
public final class RedisProcess implements AutoCloseable {

	private static final Path ROOT = Path.of("target", "topologies").toAbsolutePath();

	private final int port;

	private final Path dir;

	private final Path config;

	private final boolean sentinel;

	private volatile Process process;

	private RedisProcess(int port, Path dir, Path config, boolean sentinel) {
		this.port = port;
		this.dir = dir;
		this.config = config;
		this.sentinel = sentinel;
	}

	/**
	 * @param name folder name under {@code target/topologies/}
	 * @param port the port the config listens on (plain or TLS)
	 * @param lines config lines; {@code dir}, {@code logfile} and no persistence are added
	 * @param sentinel start with {@code --sentinel}
	 */
	public static RedisProcess start(String name, int port, List<String> lines, boolean sentinel) {
		try {
			Path dir = Files.createDirectories(ROOT.resolve(name + "-" + port));
			// A port reused from an earlier run would find that run's Cluster state and refuse to join a new one.
			Files.deleteIfExists(dir.resolve("nodes.conf"));
			List<String> all = new ArrayList<>(List.of("bind 127.0.0.1", "dir " + dir, "logfile " + dir.resolve("redis.log"),
					"daemonize no"));
			if (!sentinel) {
				all.addAll(List.of("save \"\"", "appendonly no"));
			}
			all.addAll(lines);
			Path config = dir.resolve(sentinel ? "sentinel.conf" : "redis.conf");
			Files.write(config, all);
			RedisProcess redis = new RedisProcess(port, dir, config, sentinel);
			redis.launch();
			Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-" + port + "-stop"));
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void launch() throws IOException {
		List<String> command = new ArrayList<>(List.of("redis-server", config.toString()));
		if (sentinel) {
			command.add("--sentinel");
		}
		process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("stdout.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("redis-server on " + port + " exited: " + log());
			}
			return listening(port);
		});
	}

	/** Starts the process again with the same config (and so the same port and files). */
	public void restart() {
		try {
			launch();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return port;
	}

	public Path dir() {
		return dir;
	}

	public long pid() {
		return process.pid();
	}

	public boolean alive() {
		return process.isAlive();
	}

	public String log() {
		try {
			Path log = dir.resolve("redis.log");
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	/** SIGKILL: no shutdown, no goodbye to replicas or clients. */
	public void kill() {
		process.destroyForcibly();
		waitFor();
	}

	@Override
	public void close() {
		Process current = process;
		if (current != null && current.isAlive()) {
			current.destroy();
			waitFor();
		}
	}

	private void waitFor() {
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs {@code redis-cli} with the given arguments and returns its output; fails on a non-zero exit. */
	public static String cli(String... args) {
		List<String> command = new ArrayList<>(List.of("redis-cli"));
		command.addAll(List.of(args));
		try {
			Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(cli.getInputStream().readAllBytes());
			if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
				throw new IllegalStateException("redis-cli " + String.join(" ", args) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A free port whose cluster bus port (+10000) is free too. */
	public static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 30000);
			if (free(port) && free(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port pair");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean listening(int port) {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
