package dev.storefront.ops;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.storefront.support.Api;
import dev.storefront.support.IntegrationTest;

import static org.awaitility.Awaitility.await;

/**
 * What the operations console costs the server (docs/monitoring.md, "Ops console"): Redis commands per
 * snapshot tick (INFO commandstats around idle and watched periods of the same length) and process CPU
 * with ten consoles open (ten {@code curl -N} streams in processes of their own, so their reading is not
 * counted) against the same time idle. Not a CI test (its name matches no test pattern); run with
 * {@code bench/ops-console-cost.sh}. Figures go to stdout and {@code target/ops-console-cost.txt}.
 */
@IntegrationTest
class OpsConsoleCostBench {

	private static final Duration REDIS_WINDOW = Duration.ofSeconds(30);

	private static final Duration CPU_WINDOW = Duration.ofSeconds(60);

	@LocalServerPort
	int port;

	@Autowired
	Api api;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SnapshotBroadcaster broadcaster;

	@Test
	void measure() throws Exception {
		String token = api.admin().token();
		List<String> report = new ArrayList<>();
		await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.listeners() == 0);

		// Redis: the same window without and with one console.
		long[] idle = commandsDuring(REDIS_WINDOW, 0, token);
		double ticksBefore = ticks();
		long[] watched = commandsDuring(REDIS_WINDOW, 1, token);
		double ticks = ticks() - ticksBefore;
		report.add(String.format("redis: %ds idle: %d commands (%d INFO); %ds with 1 console: %d commands (%d INFO), %.0f ticks",
				REDIS_WINDOW.toSeconds(), idle[0], idle[1], REDIS_WINDOW.toSeconds(), watched[0], watched[1], ticks));
		report.add(String.format("redis: per tick %.2f commands more than idle, %.2f INFO",
				(watched[0] - idle[0]) / ticks, (watched[1] - idle[1]) / ticks));

		// CPU: the same window idle and with ten consoles.
		double idleCpu = cpuDuring(CPU_WINDOW, 0, token);
		double watchedCpu = cpuDuring(CPU_WINDOW, 10, token);
		report.add(String.format("cpu: %ds idle %.2f s process CPU; %ds with 10 consoles %.2f s (%.2f s more, %.2f%% of one core)",
				CPU_WINDOW.toSeconds(), idleCpu, CPU_WINDOW.toSeconds(), watchedCpu, watchedCpu - idleCpu,
				100 * (watchedCpu - idleCpu) / CPU_WINDOW.toSeconds()));
		report.forEach(line -> System.out.println("OPS-CONSOLE-COST " + line));
		Files.write(Path.of("target/ops-console-cost.txt"), report);
	}

	/** Total commands and INFO calls Redis counted during the window, with {@code consoles} open. */
	private long[] commandsDuring(Duration window, int consoles, String token) throws Exception {
		List<Process> streams = open(consoles, token);
		long[] before = commandStats();
		pause(window);
		long[] after = commandStats();
		close(streams);
		return new long[] { after[0] - before[0], after[1] - before[1] };
	}

	private double cpuDuring(Duration window, int consoles, String token) throws Exception {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		List<Process> streams = open(consoles, token);
		long before = os.getProcessCpuTime();
		pause(window);
		long after = os.getProcessCpuTime();
		close(streams);
		return (after - before) / 1e9;
	}

	private List<Process> open(int consoles, String token) throws Exception {
		List<Process> streams = new ArrayList<>();
		for (int i = 0; i < consoles; i++) {
			streams.add(new ProcessBuilder("curl", "-sN", "-o", "/dev/null", "-H", "X-Auth-Token: " + token,
					"http://127.0.0.1:" + port + "/api/admin/ops/stream").start());
		}
		if (consoles > 0) {
			await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.listeners() == consoles);
		}
		return streams;
	}

	private void close(List<Process> streams) {
		streams.forEach(Process::destroy);
		await().atMost(Duration.ofSeconds(10)).until(() -> broadcaster.listeners() == 0);
	}

	// A measurement window, not a wait for a condition: park until it has passed (parkNanos may return early).
	private static void pause(Duration window) throws InterruptedException {
		long end = System.nanoTime() + window.toNanos();
		for (long left = window.toNanos(); left > 0; left = end - System.nanoTime()) {
			java.util.concurrent.locks.LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	private long[] commandStats() {
		Properties stats = redis.execute(
				(org.springframework.data.redis.core.RedisCallback<Properties>) c -> c.serverCommands().info("commandstats"));
		long total = 0;
		long info = 0;
		for (String name : stats.stringPropertyNames()) {
			String value = stats.getProperty(name);
			int start = value.indexOf("calls=");
			if (name.startsWith("cmdstat_") && start >= 0) {
				long calls = Long.parseLong(value.substring(start + 6, value.indexOf(',', start)));
				total += calls;
				if (name.equals("cmdstat_info")) {
					info = calls;
				}
			}
		}
		return new long[] { total, info };
	}

	private double ticks() {
		return meters.get("storefront.ops.snapshots").counter().count();
	}

}
