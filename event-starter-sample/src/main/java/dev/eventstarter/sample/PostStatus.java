package dev.eventstarter.sample;

public enum PostStatus {

	DRAFT, PUBLISHED

}
