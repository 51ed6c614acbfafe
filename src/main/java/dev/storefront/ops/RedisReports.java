package dev.storefront.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the parts of the Redis report for every Redis the app uses. Each part asks the nodes afresh
 * (the endpoint is for people, and it is rare); a node that fails shows its error in place of its answer.
 */
final class RedisReports {

	/** The parts of {@code /actuator/redis}. */
	enum Part {

		INFO, MEMORY, BIGKEYS, SLOWLOG, LATENCY;

		static Optional<Part> of(String name) {
			for (Part part : values()) {
				if (part.name().equals(name.toUpperCase(Locale.ROOT))) {
					return Optional.of(part);
				}
			}
			return Optional.empty();
		}

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private final List<RedisTarget> targets;

	private final RedisNodes nodes;

	private final KeySampler sampler;

	private final BigKeys bigKeys;

	private final Diagnostics diagnostics;

	private final KeyRedaction redaction;

	RedisReports(List<RedisTarget> targets, RedisNodes nodes, KeySampler sampler, BigKeys bigKeys,
			Diagnostics diagnostics) {
		this(targets, nodes, sampler, bigKeys, diagnostics, KeyRedaction.defaults());
	}

	RedisReports(List<RedisTarget> targets, RedisNodes nodes, KeySampler sampler, BigKeys bigKeys,
			Diagnostics diagnostics, KeyRedaction redaction) {
		this.redaction = redaction;
		this.targets = targets;
		this.nodes = nodes;
		this.sampler = sampler;
		this.bigKeys = bigKeys;
		this.diagnostics = diagnostics;
	}

	/** Every part, by Redis then by part. The key sample is taken once and serves memory and bigkeys. */
	Map<String, Map<String, Object>> all() {
		Map<String, Map<String, Object>> report = new LinkedHashMap<>();
		for (RedisTarget target : targets) {
			Map<String, Object> parts = new LinkedHashMap<>();
			parts.put(Part.INFO.id(), info(target));
			Map<String, RedisNodes.Outcome<BigKeys.NodeKeys>> keys = sampleKeys(target, true);
			parts.put(Part.MEMORY.id(), memory(keys));
			parts.put(Part.BIGKEYS.id(), bigKeys(keys));
			parts.put(Part.SLOWLOG.id(), views(nodes.each(target, RedisNodes.Scope.ALL, diagnostics::slowlog)));
			parts.put(Part.LATENCY.id(), views(nodes.each(target, RedisNodes.Scope.ALL, diagnostics::latency)));
			report.put(target.name(), parts);
		}
		return report;
	}

	/** One part, by Redis. */
	Map<String, Object> part(Part part) {
		Map<String, Object> report = new LinkedHashMap<>();
		for (RedisTarget target : targets) {
			report.put(target.name(), switch (part) {
				case INFO -> info(target);
				case MEMORY -> memory(sampleKeys(target, false));
				case BIGKEYS -> bigKeys(sampleKeys(target, true));
				case SLOWLOG -> views(nodes.each(target, RedisNodes.Scope.ALL, diagnostics::slowlog));
				case LATENCY -> views(nodes.each(target, RedisNodes.Scope.ALL, diagnostics::latency));
			});
		}
		return report;
	}

	private Map<String, Object> info(RedisTarget target) {
		return views(nodes.each(target, RedisNodes.Scope.ALL,
				node -> NodeInfo.of(RedisInfo.parse(new String(node.await(node.commands().info()))))));
	}

	// Only masters hold keys of their own; replicas would count them twice.
	private Map<String, RedisNodes.Outcome<BigKeys.NodeKeys>> sampleKeys(RedisTarget target, boolean collections) {
		return nodes.each(target, RedisNodes.Scope.MASTERS, node -> {
			KeySampler.Sample sample = sampler.sample(node);
			return redacted(new BigKeys.NodeKeys(sample, collections ? bigKeys.collections(node, sample) : List.of()));
		});
	}

	// Past this point the keys are only shown, never sent to Redis: every part that shows keys gets them redacted.
	private BigKeys.NodeKeys redacted(BigKeys.NodeKeys keys) {
		KeySampler.Sample sample = keys.sample();
		List<KeySampler.Key> shown = sample.sample()
			.stream()
			.map(key -> new KeySampler.Key(redaction.key(key.key()), key.bytes(), key.type()))
			.toList();
		List<BigKeys.BigCollection> collections = keys.collections()
			.stream()
			.map(c -> new BigKeys.BigCollection(c.node(), redaction.key(c.key()), c.type(), c.elements(), c.encoding()))
			.toList();
		return new BigKeys.NodeKeys(new KeySampler.Sample(sample.dbsize(), shown, sample.complete()), collections);
	}

	private static MemoryReport memory(Map<String, RedisNodes.Outcome<BigKeys.NodeKeys>> keys) {
		List<KeySampler.Sample> samples = new ArrayList<>();
		keys.values().stream().filter(RedisNodes.Outcome::ok).forEach(outcome -> samples.add(outcome.value().sample()));
		return MemoryReport.of(samples, failures(keys));
	}

	private BigKeys.Report bigKeys(Map<String, RedisNodes.Outcome<BigKeys.NodeKeys>> keys) {
		Map<String, BigKeys.NodeKeys> answered = new LinkedHashMap<>();
		keys.forEach((node, outcome) -> {
			if (outcome.ok()) {
				answered.put(node, outcome.value());
			}
		});
		return bigKeys.report(answered, failures(keys));
	}

	private static Map<String, String> failures(Map<String, ? extends RedisNodes.Outcome<?>> outcomes) {
		Map<String, String> failed = new LinkedHashMap<>();
		outcomes.forEach((node, outcome) -> {
			if (!outcome.ok()) {
				failed.put(node, outcome.error());
			}
		});
		return failed;
	}

	private static <T> Map<String, Object> views(Map<String, RedisNodes.Outcome<T>> outcomes) {
		Map<String, Object> views = new LinkedHashMap<>();
		outcomes.forEach((node, outcome) -> views.put(node, outcome.view()));
		return views;
	}

}
