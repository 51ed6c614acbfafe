package dev.storefront.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Gives each test its own queue and stops the workers it started.
 */
abstract class QueueTestSupport {

	@Autowired
	Queues queues;

	@Autowired
	Workers workers;

	@Autowired
	StringRedisTemplate redis;

	final String queue = "t-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<Worker> started = new ArrayList<>();

	static JobsProperties.WorkerSettings settings(int concurrency) {
		return JobsProperties.WorkerSettings.DEFAULTS.withConcurrency(concurrency).withLease(Duration.ofSeconds(5));
	}

	Worker start(JobHandler handler, JobsProperties.WorkerSettings settings) {
		Worker worker = workers.create(queue, handler, settings);
		worker.start();
		started.add(worker);
		return worker;
	}

	JobHandler handler(Processor processor) {
		return new JobHandler() {
			@Override
			public String queue() {
				return queue;
			}

			@Override
			public Object process(JobContext job) throws Exception {
				return processor.process(job);
			}
		};
	}

	Job job(String id) {
		return queues.job(queue, id).orElseThrow();
	}

	@AfterEach
	void stopWorkers() {
		started.forEach(w -> w.stop(Duration.ofSeconds(2)));
	}

	/** A handler body. */
	interface Processor {

		Object process(JobContext job) throws Exception;

	}

}
