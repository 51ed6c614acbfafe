/**
 * Events: the domain-event contract ({@link dev.storefront.events.DomainEvent}), the outbox that
 * forwards published events to the Redis Stream {@code sf:events}, and the consumer groups that read
 * it ({@link dev.storefront.events.StreamEventHandler}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "locking", "web" })
package dev.storefront.events;
