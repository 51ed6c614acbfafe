package dev.storefront.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The bootstrap is done before any {@link SmartLifecycle} starts, and Boot opens the web server's port
 * in one: so no request can reach the application before the administrator exists.
 */
class AdminBootstrapOrderTests {

	@Test
	void bootstrapCompletesBeforeTheWebServerLifecycleStarts() {
		List<String> events = new ArrayList<>();
		Users users = mock(Users.class);
		when(users.findByEmail(anyString())).thenReturn(Optional.empty());
		when(users.save(any())).thenAnswer(invocation -> {
			events.add("admin created");
			return invocation.getArgument(0);
		});
		PasswordEncoder passwords = mock(PasswordEncoder.class);
		when(passwords.encode(any())).thenReturn("{noop}x");

		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(AdminBootstrap.class, () -> new AdminBootstrap(
					new UserProperties("admin@example.com", "operator-password-123", null), users, passwords,
					TransactionOperations.withoutTransaction(), mock(JdbcOperations.class)));
			// Stands in for Boot's WebServerStartStopLifecycle, which starts the connector.
			context.registerBean("webServer", SmartLifecycle.class, () -> new FakeWebServer(events));
			context.refresh();
		}

		assertThat(events).containsExactly("admin created", "web server started");
	}

	private static final class FakeWebServer implements SmartLifecycle {

		private final List<String> events;

		private boolean running;

		FakeWebServer(List<String> events) {
			this.events = events;
		}

		@Override
		public void start() {
			events.add("web server started");
			running = true;
		}

		@Override
		public void stop() {
			running = false;
		}

		@Override
		public boolean isRunning() {
			return running;
		}

	}

}
