package dev.eventstarter.testapp;

public enum Status {

	DRAFT, PUBLISHED

}
