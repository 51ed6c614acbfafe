package dev.storefront.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;

/**
 * The outbox: Spring Modulith's JDBC event publication registry records every {@link DomainEvent} in
 * the publishing transaction (table {@code event_publication}), and after commit this externalizer adds
 * it to {@code sf:events}. The publication is completed only when XADD succeeded; otherwise it stays
 * incomplete and {@link Resubmitter} sends it again.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	EventExternalizationConfiguration eventExternalization() {
		return EventExternalizationConfiguration.externalizing()
			.select(event -> event instanceof DomainEvent)
			.routeAll(event -> RoutingTarget.forTarget(EventKeys.STREAM).withoutKey())
			.build();
	}

	@Bean
	DelegatingEventExternalizer redisStreamExternalizer(EventExternalizationConfiguration configuration,
			StreamPublisher publisher) {
		return new DelegatingEventExternalizer(configuration, (target, event) -> publisher.externalize(event));
	}

}
