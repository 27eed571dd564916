package dev.eventstarter.actuate;

import dev.eventstarter.test.PostgresTestConfiguration;

import org.springframework.context.annotation.Import;

@Import(PostgresTestConfiguration.class)
class PostgresEventsEndpointTests extends EventsEndpointContractTests {

}
