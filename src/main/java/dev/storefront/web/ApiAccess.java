package dev.storefront.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint, as the OpenAPI description states it. On a controller it covers every
 * operation; on a method it overrides the class. It documents, it does not enforce: the security
 * rules do that, and {@code ApiSecurityContractIntegrationTests} checks the two agree.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiAccess {

	Audience value();

	/** The callers an operation accepts. */
	enum Audience {

		/** No session needed; a session, if sent, is used. */
		ANYONE,

		/** A signed-in user: the {@code X-Auth-Token} header, or the {@code SESSION} cookie (plus CSRF on writes). */
		USER,

		/** A signed-in user with the ADMIN role. */
		ADMIN

	}

}
