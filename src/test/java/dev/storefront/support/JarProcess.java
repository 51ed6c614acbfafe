package dev.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The packaged application ({@code target/storefront-*.jar}) as users run it: {@code java -jar} in a child
 * process with its settings in the environment, its output in a log file. {@link #awaitReady} fails as soon as
 * the process exits and shows its log, so a jar that cannot start fails the test with the reason.
 */
public final class JarProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private JarProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/** The repackaged jar under {@code target/}, if {@code package} has run. */
	public static Optional<Path> packagedJar() {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter(f -> f.getFileName().toString().matches("storefront-.*\\.jar"))
				.filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Starts {@code java -jar jar} with the given environment added to this JVM's, logging to {@code log}. */
	public static JarProcess start(Path jar, Map<String, String> environment, Path log) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", jar.toAbsolutePath().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(log.getParent());
			return new JarProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits until {@code url} answers 200, failing with the log if the process exits first. */
	public void awaitReady(String url, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!process.isAlive()) {
				throw new AssertionError(
						"The packaged app exited with " + process.exitValue() + " before it was ready:\n" + log());
			}
			try {
				HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public long pid() {
		return process.pid();
	}

	/** The process's output so far. */
	public String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Stops the app as a container runtime would (SIGTERM, then SIGKILL) and waits until it and its children are gone. */
	@Override
	public void close() {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		try {
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		children.forEach(ProcessHandle::destroyForcibly);
	}

}
