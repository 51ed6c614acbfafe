/**
 * Realtime notifications: turns stream events into per-user notifications (a capped Redis stream per
 * user), fans them out to every instance over Redis pub/sub, and pushes them to the clients connected
 * to each instance over STOMP ({@code /ws}) and SSE ({@code /api/notifications/stream}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "config", "events", "ratelimit", "user", "web" })
package dev.storefront.notifications;
