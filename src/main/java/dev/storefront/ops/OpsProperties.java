package dev.storefront.ops;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Redis monitoring.
 *
 * @param infoInterval how often each node's INFO is read for the gauges (one call per node per interval,
 * whatever the scrape rate)
 * @param memorySampleKeys the most keys sampled per node by the {@code memory} and {@code bigkeys} parts
 * @param scanCount the COUNT hint of each SCAN call (and so the size of each MEMORY USAGE pipeline)
 * @param bigKeys how many of the largest sampled keys {@code bigkeys} lists
 * @param bigCollectionElements the element count above which a sampled collection is listed with its encoding
 * @param slowlogEntries how many SLOWLOG entries are read per node
 * @param slowlogArgumentLength the longest a slow-log argument is shown; longer ones are cut
 * @param timeout the longest one node may take to answer one part
 * @param redactedKeyPrefixes key prefixes after which every segment is a secret (a token, a user's secret),
 * in addition to the session keys the {@code user} module names; the report shows a fingerprint in their place
 * @param consoleInterval how often the operations console's producer builds a snapshot while a console is
 * open (at least one second: one snapshot serves every open console)
 */
@ConfigurationProperties("storefront.ops")
record OpsProperties(@DefaultValue("10s") Duration infoInterval, @DefaultValue("10000") int memorySampleKeys,
		@DefaultValue("500") int scanCount, @DefaultValue("20") int bigKeys,
		@DefaultValue("10000") long bigCollectionElements, @DefaultValue("50") int slowlogEntries,
		@DefaultValue("64") int slowlogArgumentLength, @DefaultValue("10s") Duration timeout,
		@Nullable List<String> redactedKeyPrefixes, @DefaultValue("1s") Duration consoleInterval) {

	OpsProperties {
		if (consoleInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("storefront.ops.console-interval must be at least 1s");
		}
		redactedKeyPrefixes = redactedKeyPrefixes == null ? List.of() : List.copyOf(redactedKeyPrefixes);
	}

}
