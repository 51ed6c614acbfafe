package dev.storefront.config;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceEventsTests {

	@Test
	void aClusterAnswerIsReadAsTheUnionOfEveryNodesFlags() {
		Properties answer = new Properties();
		answer.setProperty("127.0.0.1:7000.notify-keyspace-events", "Kx");
		answer.setProperty("127.0.0.1:7001.notify-keyspace-events", "Eg");
		answer.setProperty("127.0.0.1:7002.notify-keyspace-events", "");

		assertThat(KeyspaceEvents.currentFlags(answer)).hasSize(4).contains("K", "x", "E", "g");
	}

	@Test
	void onlyMissingFlagsAreAddedAndNothingIsDropped() {
		assertThat(KeyspaceEvents.withFlags("Kl", "Egx")).isEqualTo("KlEgx");
		assertThat(KeyspaceEvents.withFlags("xE", "Egx")).isEqualTo("xEg");
		assertThat(KeyspaceEvents.withFlags("", "Egx")).isEqualTo("Egx");
	}

	@Test
	void allEventsCoverGenericAndExpiredButNotNewKeys() {
		assertThat(KeyspaceEvents.withFlags("AKE", "Egx")).isEqualTo("AKE");
		assertThat(KeyspaceEvents.withFlags("AK", "En")).isEqualTo("AKEn");
	}

}
