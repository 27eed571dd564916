package dev.eventstarter.erasure;

class H2ErasureTests extends ErasureContractTests {

}
