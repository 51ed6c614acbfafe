package dev.storefront.notifications;

import java.util.UUID;

import dev.storefront.user.SecretKeys;

/**
 * Redis names of the notifications module, all under {@code sf:notify:}. A user's stream and the
 * markers of the events already turned into its notifications share the hash tag {@code {user:<id>}},
 * so the append script touches one cluster slot. Admin notifications use the tag {@code {admin}}.
 */
final class NotificationKeys {

	private static final String PREFIX = "sf:notify:";

	/** Every fan-out channel starts with this; each instance holds one pattern subscription to it. */
	static final String CHANNEL_PREFIX = PREFIX + "ch:";

	static final String CHANNEL_PATTERN = CHANNEL_PREFIX + "*";

	/** Channel of the notifications for administrators. */
	static final String ADMIN_CHANNEL = CHANNEL_PREFIX + "admin";

	/** Channel of revoked sessions, whose connections every instance closes. */
	static final String REVOKED_CHANNEL = CHANNEL_PREFIX + "revoked";

	static final String USER_CHANNEL_PREFIX = CHANNEL_PREFIX + "user:";

	/**
	 * On a Cluster, users' notifications go over sharded channels {@code sf:notify:ch:user:bucket:{0}} ..
	 * {@code {N-1}} (user id modulo N), all subscribed by every instance; the hash tag spreads them over slots.
	 */
	static final String USER_SHARDED_PREFIX = USER_CHANNEL_PREFIX + "bucket:";

	private NotificationKeys() {
	}

	/** A user's capped notification stream, e.g. {@code sf:notify:{user:7}}. */
	static String userStream(long userId) {
		return PREFIX + "{user:" + userId + "}";
	}

	/** The administrators' shared notification stream. */
	static String adminStream() {
		return PREFIX + "{admin}";
	}

	/** Marks that an event already produced a notification in {@code stream}; holds the notification id. */
	static String seen(String stream, UUID eventId) {
		return stream + ":event:" + eventId;
	}

	/** The pub/sub channel of one user's notifications, e.g. {@code sf:notify:ch:user:7}. */
	static String userChannel(long userId) {
		return USER_CHANNEL_PREFIX + userId;
	}

	/** The sharded channel of one user's notifications among {@code buckets}. */
	static String userShardedChannel(long userId, int buckets) {
		return USER_SHARDED_PREFIX + "{" + Math.floorMod(userId, buckets) + "}";
	}

	/**
	 * A session's stand-in on the revocation channel: a SHA-256 prefix, so session ids (bearer secrets)
	 * never travel over pub/sub.
	 */
	static String fingerprint(String sessionId) {
		return SecretKeys.fingerprint(sessionId);
	}

}
