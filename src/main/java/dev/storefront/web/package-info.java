/**
 * Shared HTTP concerns: RFC 9457 problem responses, request size limits and the page envelope.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.storefront.web;
