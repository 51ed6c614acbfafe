package dev.storefront.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints a line that cannot be missed whenever a test or a whole suite is skipped: disabled by a
 * condition (no Docker, say) or aborted by an assumption (a binary missing from PATH, an old Redis).
 * A skip is not a pass; the build log must say so, and CI fails on any skip it does not allow
 * ({@code .ci/check-skips}). Registered for every run through {@code META-INF/services}.
 */
public class LoudSkips implements TestExecutionListener {

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		shout(test, reason);
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			shout(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
		}
	}

	private static void shout(TestIdentifier test, String reason) {
		String what = test.isContainer() ? "SUITE SKIPPED" : "TEST SKIPPED";
		System.err.printf("%n!!! %s: %s (%s)%n!!!   reason: %s%n%n", what, test.getDisplayName(),
				test.getUniqueId(), reason);
	}

}
