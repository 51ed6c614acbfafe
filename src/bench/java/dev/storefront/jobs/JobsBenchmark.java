package dev.storefront.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.storefront.support.EmbeddedRedis;

/**
 * Enqueue plus no-op processing on one instance (bench/jobs.sh; figures in bench/README-jobs.md).
 * Against its own redis-server, it measures in one run:
 * <ol>
 * <li>baseline: no-op EVALSHA round trips per second from 50 threads (what Redis and Lettuce allow);</li>
 * <li>saturation: a producer keeps a backlog of 2,000 jobs (addBulk of 50) while one worker with
 * concurrency 50 runs no-op jobs, for the given seconds: jobs per second and its ratio to the baseline;</li>
 * <li>latency: jobs added at a fixed pace, one by one, and the time from add to handler start (p50, p99);</li>
 * <li>timing: how late a delayed job starts after its delay, and the gaps of an exponential backoff (the
 * figures QueueIntegrationTests leaves to a benchmark: it only checks "never early").</li>
 * </ol>
 * Not a test: run with {@code main}.
 */
public final class JobsBenchmark {

	private JobsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
		int pace = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
		try (EmbeddedRedis server = EmbeddedRedis.start()) {
			LettuceConnectionFactory factory = server.connectionFactory(Duration.ofSeconds(5));
			try {
				StringRedisTemplate redis = new StringRedisTemplate(factory);
				double baseline = baseline(redis, 5);
				System.out.printf("baseline: %.0f no-op EVALSHA/s (50 threads)%n", baseline);
				JobsProperties properties = new JobsProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(5),
						Duration.ofSeconds(10), Map.of());
				JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry());
				JsonMapper json = JsonMapper.builder().build();
				Wakeups wakeups = new Wakeups();
				Queues queues = new Queues(new JobStore(redis), properties, metrics, json, wakeups);
				JobLeases leases = new JobLeases(redis);
				double throughput = saturation(queues, leases, wakeups, metrics, json, properties, seconds);
				System.out.printf("saturation: %.0f jobs/s over %d s (concurrency 50) = %.2fx the EVALSHA baseline%n",
						throughput, seconds, throughput / baseline);
				latency(queues, leases, wakeups, metrics, json, properties, pace, Math.max(10, seconds / 2));
				timing(queues, leases, wakeups, metrics, json, properties);
			}
			finally {
				factory.destroy();
			}
		}
	}

	private static double baseline(StringRedisTemplate redis, int seconds) throws InterruptedException {
		RedisScript<Long> noop = RedisScript.of("return 1", Long.class);
		// Warm-up: connection set-up, script load and JIT are not part of the baseline.
		long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (System.nanoTime() < warm) {
			redis.execute(noop, List.of("sf:q:{bench}:meta"));
		}
		LongAdder calls = new LongAdder();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService threads = Executors.newFixedThreadPool(50);
		for (int i = 0; i < 50; i++) {
			threads.execute(() -> {
				try {
					while (System.nanoTime() < end) {
						redis.execute(noop, List.of("sf:q:{bench}:meta"));
						calls.increment();
					}
				}
				catch (RuntimeException ex) {
					System.out.println("baseline thread failed: " + ex);
				}
			});
		}
		threads.shutdown();
		threads.awaitTermination(seconds + 10, TimeUnit.SECONDS);
		return calls.sum() / (double) seconds;
	}

	private static double saturation(Queues queues, JobLeases leases, Wakeups wakeups, JobMetrics metrics, JsonMapper json,
			JobsProperties properties, int seconds) throws InterruptedException {
		String queue = "bench-sat";
		LongAdder done = new LongAdder();
		AtomicLong added = new AtomicLong();
		Worker worker = new Worker(queue, handler(queue, job -> done.increment()), settings(), leases, wakeups, metrics,
				json, properties);
		List<Queues.NewJob> batch = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			batch.add(new Queues.NewJob("noop", "{}", JobOptions.defaults()
				.withRemoveOnComplete(new KeepJobs(1000, Duration.ofMinutes(5)))));
		}
		worker.start();
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long doneAtStart = 0;
		while (System.nanoTime() < end) {
			if (added.get() - done.sum() < 2000) {
				queues.addBulkIds(queue, batch);
				added.addAndGet(batch.size());
			}
			else {
				// Park instead of spinning: on 2 cores a spinning producer steals the workers' CPU.
				java.util.concurrent.locks.LockSupport.parkNanos(100_000);
			}
		}
		double rate = (done.sum() - doneAtStart) / ((System.nanoTime() - start) / 1e9);
		worker.stop(Duration.ofSeconds(5));
		return rate;
	}

	private static void latency(Queues queues, JobLeases leases, Wakeups wakeups, JobMetrics metrics, JsonMapper json,
			JobsProperties properties, int pace, int seconds) throws InterruptedException {
		String queue = "bench-lat";
		int total = pace * seconds;
		long[] latencies = new long[total];
		AtomicLong count = new AtomicLong();
		Worker worker = new Worker(queue, handler(queue, job -> {
			long addedAt = Long.parseLong(job.data());
			int i = (int) count.getAndIncrement();
			if (i < total) {
				latencies[i] = System.nanoTime() - addedAt;
			}
		}), settings(), leases, wakeups, metrics, json, properties);
		worker.start();
		ExecutorService producers = Executors.newFixedThreadPool(8);
		long interval = 1_000_000_000L / pace;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			// Park until the add time: a spinning producer would take a core from the worker.
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				java.util.concurrent.locks.LockSupport.parkNanos(wait);
			}
			producers.execute(() -> queues.addBulkIds(queue, List.of(new Queues.NewJob("noop",
					String.valueOf(System.nanoTime()), JobOptions.defaults()
						.withRemoveOnComplete(new KeepJobs(1000, Duration.ofMinutes(5)))))));
		}
		producers.shutdown();
		producers.awaitTermination(30, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (count.get() < total && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
		worker.stop(Duration.ofSeconds(5));
		int measured = (int) Math.min(count.get(), total);
		long[] sorted = Arrays.copyOf(latencies, measured);
		Arrays.sort(sorted);
		System.out.printf("latency add->start at %d jobs/s for %d s (%d jobs): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
				pace, seconds, measured, sorted[measured / 2] / 1e6, sorted[(int) (measured * 0.99)] / 1e6,
				sorted[measured - 1] / 1e6);
	}

	private static void timing(Queues queues, JobLeases leases, Wakeups wakeups, JobMetrics metrics, JsonMapper json,
			JobsProperties properties) throws InterruptedException {
		String queue = "bench-timing";
		int delayed = 200;
		long[] late = new long[delayed];
		AtomicLong count = new AtomicLong();
		List<Long> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
		Worker worker = new Worker(queue, handler(queue, job -> {
			if (job.name().equals("flaky")) {
				attempts.add(System.nanoTime());
				throw new IllegalStateException("again");
			}
			late[(int) count.getAndIncrement()] = System.nanoTime() - Long.parseLong(job.data());
		}), settings(), leases, wakeups, metrics, json, properties);
		worker.start();
		for (int i = 0; i < delayed; i++) {
			long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
			queues.add(queue, "later", String.valueOf(due), JobOptions.defaults().withDelay(Duration.ofMillis(500)));
			java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		queues.add(queue, "flaky", "0", JobOptions.defaults().withAttempts(5)
			.withBackoff(Backoff.exponential(Duration.ofMillis(200))));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while ((count.get() < delayed || attempts.size() < 5) && System.nanoTime() < deadline) {
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
		worker.stop(Duration.ofSeconds(5));
		long[] sorted = Arrays.copyOf(late, (int) Math.min(count.get(), delayed));
		Arrays.sort(sorted);
		System.out.printf("delay 500 ms, %d jobs: started late by p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.length,
				sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
		StringBuilder gaps = new StringBuilder();
		for (int i = 1; i < attempts.size(); i++) {
			gaps.append(i > 1 ? ", " : "").append((attempts.get(i) - attempts.get(i - 1)) / 1_000_000).append(" ms");
		}
		System.out.println("exponential backoff 200 ms (expected 200, 400, 800, 1600 ms): gaps " + gaps);
	}

	private static JobsProperties.WorkerSettings settings() {
		return JobsProperties.WorkerSettings.DEFAULTS.withConcurrency(50);
	}

	private static JobHandler handler(String queue, java.util.function.Consumer<JobContext> body) {
		return new JobHandler() {
			@Override
			public String queue() {
				return queue;
			}

			@Override
			public Object process(JobContext job) {
				body.accept(job);
				return null;
			}
		};
	}

}
