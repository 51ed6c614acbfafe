package dev.storefront.notifications;

import org.springframework.http.HttpStatus;

import dev.storefront.web.DomainException;

/**
 * A client sent a notification id ({@code after}, {@code Last-Event-ID}) that is not a stream id.
 */
class InvalidNotificationId extends DomainException {

	InvalidNotificationId(String parameter, String value) {
		super(HttpStatus.BAD_REQUEST, "invalid-notification-id",
				parameter + " must be a notification id such as 1764480000000-0");
		with("parameter", parameter);
		with("value", value.length() > 40 ? value.substring(0, 40) : value);
	}

}
