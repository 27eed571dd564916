package dev.eventstarter.testapp;

import jakarta.persistence.Embeddable;

@Embeddable
public record OrderLineId(String orderNo, int line) {

}
