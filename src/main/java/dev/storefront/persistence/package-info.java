/**
 * What every JPA entity shares: creation and update timestamps and the optimistic-locking version.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.storefront.persistence;
