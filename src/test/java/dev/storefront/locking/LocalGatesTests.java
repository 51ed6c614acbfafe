package dev.storefront.locking;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalGatesTests {

	private final LocalGates gates = new LocalGates();

	@Test
	void aSecondThreadWaitsForTheGateAndGivesUpWhenTheWaitRunsOut() throws Exception {
		LocalGates.Gate held = gates.enter("order:1", 0);
		assertThat(held).isNotNull();

		LocalGates.Gate other = CompletableFuture.supplyAsync(() -> enter("order:1", 50)).get(5, TimeUnit.SECONDS);
		assertThat(other).isNull();
		assertThat(CompletableFuture.supplyAsync(() -> enter("order:2", 0)).get(5, TimeUnit.SECONDS)).isNotNull();

		gates.leave(held);
		LocalGates.Gate next = gates.enter("order:1", 0);
		assertThat(next).isNotNull();
		gates.leave(next);
	}

	@Test
	void forgetsGatesNobodyUses() throws Exception {
		LocalGates.Gate gate = gates.enter("order:3", 0);
		assertThat(gates.size()).isEqualTo(1);
		gates.leave(gate);
		assertThat(gates.size()).isZero();
	}

	private LocalGates.Gate enter(String resource, long waitMillis) {
		try {
			return gates.enter(resource, waitMillis);
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
