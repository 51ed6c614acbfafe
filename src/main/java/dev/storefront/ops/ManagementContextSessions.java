package dev.storefront.ops;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.HierarchicalBeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * With actuator on its own port ({@code management.server.port}), Boot runs it in a child context that
 * gets the security filter chain but not Spring Session's filter, so an admin's session (cookie or
 * {@code X-Auth-Token}) would not be seen there and every ADMIN endpoint would answer 401. This registers
 * the application's session filter in that child context, ahead of security. Loaded through
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}; in the main context (where component
 * scanning also finds it) the condition leaves it out.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementContextSessions.InChildContext.class)
class ManagementContextSessions {

	@Bean
	FilterRegistrationBean<Filter> managementSessionRepositoryFilter(HierarchicalBeanFactory beanFactory) {
		Filter sessions = beanFactory.getParentBeanFactory().getBean("springSessionRepositoryFilter", Filter.class);
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(sessions);
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
		return registration;
	}

	/** True only in a context that has a parent: the management child context. */
	static final class InChildContext implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
		}

	}

}
