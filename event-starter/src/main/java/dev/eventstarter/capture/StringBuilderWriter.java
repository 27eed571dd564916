package dev.eventstarter.capture;

import java.io.Writer;

/**
 * A {@link Writer} into a {@link StringBuilder}. {@link java.io.StringWriter} appends to
 * a synchronized {@link StringBuffer}, which showed in the write benchmark's profile.
 */
final class StringBuilderWriter extends Writer {

	private final StringBuilder text;

	StringBuilderWriter(int capacity) {
		this.text = new StringBuilder(capacity);
	}

	@Override
	public void write(char[] chars, int offset, int length) {
		this.text.append(chars, offset, length);
	}

	@Override
	public void write(String string, int offset, int length) {
		this.text.append(string, offset, offset + length);
	}

	@Override
	public void write(int c) {
		this.text.append((char) c);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
