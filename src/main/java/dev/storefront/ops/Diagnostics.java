package dev.storefront.ops;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;

/**
 * The {@code slowlog} and {@code latency} parts of one node. Slow-log arguments are cut to a maximum
 * length (values can be large, and are nobody's business beyond their first bytes); secret keys and what
 * follows them are redacted ({@link KeyRedaction}).
 */
final class Diagnostics {

	private static final int MAX_ARGUMENTS = 16;

	private static final ProtocolKeyword LATENCY = new ProtocolKeyword() {
		@Override
		public byte[] getBytes() {
			return "LATENCY".getBytes(StandardCharsets.US_ASCII);
		}

		@Override
		public String toString() {
			return "LATENCY";
		}
	};

	private final int entries;

	private final int argumentLength;

	private final KeyRedaction redaction;

	Diagnostics(int entries, int argumentLength) {
		this(entries, argumentLength, KeyRedaction.defaults());
	}

	Diagnostics(int entries, int argumentLength, KeyRedaction redaction) {
		this.entries = entries;
		this.argumentLength = argumentLength;
		this.redaction = redaction;
	}

	/**
	 * @param id the entry's id
	 * @param time when the command ran
	 * @param durationMicros how long it ran
	 * @param command the command and its first arguments, each cut to the maximum length
	 * @param client the client's address
	 * @param clientName the client's name, if it set one
	 */
	record SlowCommand(long id, Instant time, long durationMicros, List<String> command, String client,
			String clientName) {
	}

	/**
	 * @param event the latency event (e.g. {@code command}, {@code fork}, {@code expire-cycle})
	 * @param time when it last happened
	 * @param latestMillis its latest latency
	 * @param maxMillis its highest latency
	 */
	record LatencyEvent(String event, Instant time, long latestMillis, long maxMillis) {
	}

	List<SlowCommand> slowlog(RedisNodes.Node node) {
		List<SlowCommand> commands = new ArrayList<>();
		for (Object raw : node.await(node.commands().slowlogGet(entries))) {
			List<?> entry = (List<?>) raw;
			List<String> command = new ArrayList<>();
			List<?> arguments = (List<?>) entry.get(3);
			List<String> shown = new ArrayList<>();
			for (int i = 0; i < Math.min(arguments.size(), MAX_ARGUMENTS); i++) {
				shown.add(text(arguments.get(i)));
			}
			// Redacted before the cut, so a cut never leaves part of a secret.
			for (String argument : redaction.command(shown)) {
				command.add(cut(argument));
			}
			if (arguments.size() > MAX_ARGUMENTS) {
				command.add("... (" + (arguments.size() - MAX_ARGUMENTS) + " more)");
			}
			commands.add(new SlowCommand(number(entry.get(0)), Instant.ofEpochSecond(number(entry.get(1))),
					number(entry.get(2)), command, entry.size() > 4 ? text(entry.get(4)) : null,
					entry.size() > 5 ? text(entry.get(5)) : null));
		}
		return commands;
	}

	/** LATENCY LATEST: empty unless the server's {@code latency-monitor-threshold} is above 0. */
	List<LatencyEvent> latency(RedisNodes.Node node) {
		List<Object> reply = node.await(node.commands().dispatch(LATENCY, new ArrayOutput<>(ByteArrayCodec.INSTANCE),
				new CommandArgs<>(ByteArrayCodec.INSTANCE).add("LATEST")));
		List<LatencyEvent> events = new ArrayList<>();
		for (Object raw : reply) {
			List<?> entry = (List<?>) raw;
			events.add(new LatencyEvent(text(entry.get(0)), Instant.ofEpochSecond(number(entry.get(1))),
					number(entry.get(2)), number(entry.get(3))));
		}
		return events;
	}

	private String cut(String argument) {
		return argument.length() <= argumentLength ? argument
				: argument.substring(0, argumentLength) + "... (" + argument.length() + " chars)";
	}

	private static String text(Object value) {
		return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static long number(Object value) {
		return value instanceof Number number ? number.longValue() : Long.parseLong(text(value));
	}

}
