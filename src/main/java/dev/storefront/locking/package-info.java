/**
 * Distributed locks on Redis (Redisson): {@link dev.storefront.locking.DistributedLocks}. A lock here is
 * an efficiency measure that keeps concurrent callers from doing the same work twice; correctness
 * always rests on a database guard (conditional updates), because a lease can lapse.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"web"})
package dev.storefront.locking;
