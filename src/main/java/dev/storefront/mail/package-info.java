/**
 * Transactional email: order confirmation, order shipped and welcome mails, enqueued on the
 * {@code email} job queue from domain events (job id = the reason, so no mail is sent twice) and sent
 * over SMTP ({@code spring.mail.*}) with an HTML and a text part.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "jobs", "order", "user", "catalog", "events" })
package dev.storefront.mail;
