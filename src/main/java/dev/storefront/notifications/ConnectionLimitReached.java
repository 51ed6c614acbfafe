package dev.storefront.notifications;

/**
 * A realtime connection was refused because its client address or its user already holds as many open
 * connections on this instance as allowed.
 */
final class ConnectionLimitReached extends RuntimeException {

	enum Scope {

		ADDRESS, USER;

		String slug() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final Scope scope;

	private final int limit;

	ConnectionLimitReached(Scope scope, int limit) {
		super("Too many open realtime connections for this " + scope.slug() + " (at most " + limit + ")", null,
				false, false);
		this.scope = scope;
		this.limit = limit;
	}

	Scope scope() {
		return scope;
	}

	int limit() {
		return limit;
	}

}
