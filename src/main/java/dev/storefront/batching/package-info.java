/**
 * Writing off the request thread: a bounded queue that one background thread drains in batches, with
 * what is still queued written at shutdown. Shared by the analytics and view recorders.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.storefront.batching;
