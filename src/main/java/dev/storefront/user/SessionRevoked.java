package dev.storefront.user;

/**
 * Published (in-process) when a session ends by logout or revocation, so that connections opened
 * with it (WebSocket, SSE) can be closed. Only this instance sees it; the notifications module fans
 * it out to the others.
 *
 * @param sessionId the id of the session that ended
 * @param userId the session's owner
 */
public record SessionRevoked(String sessionId, long userId) {
}
