/**
 * Users, authentication and their Redis-backed sessions, and the HTTP security rules of the API.
 */
package dev.storefront.user;
