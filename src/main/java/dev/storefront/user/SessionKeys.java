package dev.storefront.user;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names of Spring Session's Redis keys, derived from {@code spring.session.data.redis.namespace}.
 */
@Component
class SessionKeys {

	private final String namespace;

	SessionKeys(@Value("${spring.session.data.redis.namespace:spring:session}") String namespace) {
		this.namespace = namespace;
	}

	/** The hash that holds one session's attributes. */
	String session(String sessionId) {
		return namespace + ":sessions:" + sessionId;
	}

}
