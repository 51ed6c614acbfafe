package dev.storefront.ops;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryReportTests {

	@Test
	void scalesASampleToTheWholeKeyspaceAndNamesTheLargestKey() {
		// 4 of 40 keys sampled: each sampled key stands for 10.
		KeySampler.Sample sample = new KeySampler.Sample(40,
				List.of(new KeySampler.Key("sf:cart:1", 100, "hash"), new KeySampler.Key("sf:cart:2", 300, "hash"),
						new KeySampler.Key("sf:cache:v1:product:1", 50, "string"),
						new KeySampler.Key("sf:cache:v1:product:2", 50, "string")),
				false);

		MemoryReport report = MemoryReport.of(List.of(sample), Map.of());

		assertThat(report.keys()).isEqualTo(40);
		assertThat(report.sampledKeys()).isEqualTo(4);
		assertThat(report.patterns()).first().satisfies(cart -> {
			assertThat(cart.pattern()).isEqualTo("sf:cart:*");
			assertThat(cart.sampledKeys()).isEqualTo(2);
			assertThat(cart.estimatedKeys()).isEqualTo(20);
			assertThat(cart.sampledBytes()).isEqualTo(400);
			assertThat(cart.estimatedTotalBytes()).isEqualTo(4000);
			assertThat(cart.largestKey()).isEqualTo("sf:cart:2");
			assertThat(cart.largestKeyBytes()).isEqualTo(300);
		});
		assertThat(report.patterns().get(1).estimatedTotalBytes()).isEqualTo(1000);
	}

	@Test
	void aCompleteScanIsNotScaled() {
		KeySampler.Sample sample = new KeySampler.Sample(2,
				List.of(new KeySampler.Key("sf:cart:1", 100, "hash"), new KeySampler.Key("sf:cart:2", 300, "hash")),
				true);

		assertThat(MemoryReport.of(List.of(sample), Map.of()).patterns().get(0).estimatedTotalBytes()).isEqualTo(400);
	}

}
