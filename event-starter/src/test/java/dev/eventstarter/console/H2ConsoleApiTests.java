package dev.eventstarter.console;

class H2ConsoleApiTests extends ConsoleApiContractTests {

}
