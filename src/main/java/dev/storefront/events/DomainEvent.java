package dev.storefront.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A domain event that leaves the process. Services publish implementations with Spring's
 * {@code ApplicationEventPublisher}; the outbox forwards each one to the stream {@code sf:events}.
 * <p>
 * The {@link #eventId()} is fixed when the event is created, so a publication that is resubmitted
 * after a failure keeps its id and consumers can deduplicate on it.
 */
public interface DomainEvent {

	/** Unique id, fixed at publication. */
	UUID eventId();

	/** When the fact happened. */
	Instant occurredAt();

	/** The id of the aggregate the event is about (order id, product id, user id). */
	String aggregateId();

	/** The user the event concerns, or {@code null} when it concerns no user. */
	Long userId();

	/** The event's type on the stream: its simple class name, e.g. {@code OrderPlaced}. */
	default String type() {
		return getClass().getSimpleName();
	}

}
