package dev.storefront.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamInfo;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

import org.springframework.stereotype.Service;

/**
 * What operators see of the streams: length, first and last id, groups with their consumers, pending
 * entries, lag and last-delivered id; and the history of {@code sf:events}.
 */
@Service
class StreamAdmin {

	/** The most entries one history page returns. */
	static final int MAX_PAGE = 500;

	private final RedissonClient redisson;

	StreamAdmin(RedissonClient redisson) {
		this.redisson = redisson;
	}

	List<StreamView> streams() {
		return List.of(describe(EventKeys.STREAM), describe(EventKeys.DEAD_LETTERS));
	}

	/**
	 * A page of {@code sf:events}: the {@code count} entries after {@code after} (exclusive), oldest
	 * first; with {@code reverse}, the entries before {@code after}, newest first.
	 */
	List<Entry> history(String after, int count, boolean reverse) {
		RStream<String, String> stream = stream(EventKeys.STREAM);
		StreamMessageId cursor = after == null ? null : DeadLetters.parse(after);
		Map<StreamMessageId, Map<String, String>> page;
		if (reverse) {
			StreamMessageId end = cursor == null ? StreamMessageId.MAX : before(cursor);
			page = end == null ? Map.of() : stream.rangeReversed(count, end, StreamMessageId.MIN);
		}
		else {
			StreamMessageId start = cursor == null ? StreamMessageId.MIN
					: new StreamMessageId(cursor.getId0(), cursor.getId1() + 1);
			page = stream.range(count, start, StreamMessageId.MAX);
		}
		return entries(page);
	}

	static List<Entry> entries(Map<StreamMessageId, Map<String, String>> page) {
		List<Entry> entries = new ArrayList<>(page.size());
		page.forEach((id, fields) -> entries.add(new Entry(id.toString(), fields)));
		return entries;
	}

	private StreamView describe(String name) {
		RStream<String, String> stream = stream(name);
		if (!stream.isExists()) {
			return new StreamView(name, 0, null, null, List.of());
		}
		StreamInfo<String, String> info = stream.getInfo();
		List<GroupView> groups = stream.listGroups().stream()
			.map(group -> new GroupView(group.getName(), group.getPending(), group.getLag(),
					String.valueOf(group.getLastDeliveredId()),
					stream.listConsumers(group.getName()).stream()
						.map(c -> new ConsumerView(c.getName(), c.getPending(), c.getIdleTime()))
						.toList()))
			.toList();
		return new StreamView(name, info.getLength(), id(info.getFirstEntry()), id(info.getLastEntry()), groups);
	}

	private RStream<String, String> stream(String name) {
		return redisson.getStream(name, StringCodec.INSTANCE);
	}

	private static String id(StreamInfo.Entry<String, String> entry) {
		return entry == null ? null : entry.getId().toString();
	}

	/** The largest id smaller than {@code id}, or null before the first possible id. */
	private static StreamMessageId before(StreamMessageId id) {
		if (id.getId1() > 0) {
			return new StreamMessageId(id.getId0(), id.getId1() - 1);
		}
		return id.getId0() == 0 ? null : new StreamMessageId(id.getId0() - 1, Long.MAX_VALUE);
	}

	/** One stream. */
	record StreamView(String name, long length, String firstId, String lastId, List<GroupView> groups) {
	}

	/** One consumer group; {@code lag} is what XINFO GROUPS reports (entries not yet delivered). */
	record GroupView(String name, long pending, long lag, String lastDeliveredId, List<ConsumerView> consumers) {
	}

	/** One consumer of a group. */
	record ConsumerView(String name, long pending, long idleMillis) {
	}

	/** One stream entry with its fields. */
	record Entry(String id, Map<String, String> fields) {
	}

}
