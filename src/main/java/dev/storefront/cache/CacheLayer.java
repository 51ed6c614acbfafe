package dev.storefront.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.CacheManager;
import org.springframework.context.SmartLifecycle;

/**
 * The cache layer of the configured mode: its CacheManager, tag and batch access, and (two-level
 * only) the stack whose listener and refresher follow the application lifecycle.
 */
record CacheLayer(CacheManager manager, TagCache tags, BatchCache batch, @Nullable TwoLevelStack stack)
		implements SmartLifecycle, DisposableBean {

	@Override
	public void start() {
		if (stack != null) {
			stack.start();
		}
	}

	@Override
	public void stop() {
		if (stack != null) {
			stack.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return stack != null && stack.isRunning();
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 2048;
	}

	@Override
	public void destroy() throws Exception {
		if (stack != null) {
			stack.destroy();
		}
	}

}
