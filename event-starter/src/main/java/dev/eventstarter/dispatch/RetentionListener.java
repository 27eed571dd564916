package dev.eventstarter.dispatch;

/**
 * Told what each retention run deleted; the metrics bring one that counts it in
 * {@value #METRIC}.
 */
@FunctionalInterface
public interface RetentionListener {

	/**
	 * The counter of deleted rows, tagged {@code rows} with what a task deletes.
	 */
	String METRIC = "events.retention.deleted";

	/**
	 * A task deleted rows.
	 * @param rows what it deletes, in words
	 * @param count how many, at least one
	 */
	void deleted(String rows, int count);

}
