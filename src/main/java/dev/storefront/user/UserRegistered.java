package dev.storefront.user;

import java.time.Instant;
import java.util.UUID;

import dev.storefront.events.DomainEvent;

/**
 * Published when a new account is registered (not for the bootstrap administrator).
 */
public record UserRegistered(UUID eventId, Instant occurredAt, long id, String email, String name)
		implements DomainEvent {

	static UserRegistered of(UserResponse user) {
		return new UserRegistered(UUID.randomUUID(), Instant.now(), user.id(), user.email(), user.name());
	}

	@Override
	public String aggregateId() {
		return String.valueOf(id);
	}

	@Override
	public Long userId() {
		return id;
	}

}
