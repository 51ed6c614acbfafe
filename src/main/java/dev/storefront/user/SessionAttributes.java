package dev.storefront.user;

/**
 * Names of what a login stores in the session. Every value is a plain string, so the Redis hash is
 * readable JSON and no class name ever lands in Redis.
 */
final class SessionAttributes {

	static final String USER_ID = "sf.uid";

	static final String EMAIL = "sf.email";

	static final String ROLES = "sf.roles";

	/** Opaque, random value that identifies a session to its owner without revealing the session id. */
	static final String HANDLE = "sf.handle";

	static final String USER_AGENT = "sf.ua";

	static final String IP = "sf.ip";

	private SessionAttributes() {
	}

}
