package dev.eventstarter.console;

import dev.eventstarter.test.MariaDbTestConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MariaDbTestConfiguration.class)
@TestPropertySource(properties = MariaDbTestConfiguration.DATABASE_PROPERTY + "=console_api")
class MariaDbConsoleApiTests extends ConsoleApiContractTests {

}
