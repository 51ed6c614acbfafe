/**
 * Users, authentication and their Redis-backed sessions, and the HTTP security rules of the API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"config", "events", "persistence", "web"})
package dev.storefront.user;
