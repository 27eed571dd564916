package dev.eventstarter;

import java.util.Map;

/**
 * Adds custom session variables to every event emitted in a request or an
 * {@link EventContext}. Declare one as a bean:
 *
 * <pre class="code">
 * &#64;Bean
 * SessionVariablesContributor shopContributor(Shop shop) {
 *     return (variables) -&gt; variables.put("shop", shop.currentId());
 * }
 * </pre>
 *
 * <p>
 * The map already holds the standard variables ({@code userId}, {@code role}, {@code ip},
 * {@code userAgent}, {@code roles}), which a contributor may read or replace. Values are
 * kept when they are strings (cut to 255 characters), numbers, booleans or collections of
 * those (at most 32 elements); anything else is stored as its {@code toString()}. A
 * contributor runs on the thread that changes the entity or emits, inside the user's
 * transaction: it must be quick. One that throws is logged and skipped, and the event is
 * recorded without its variables.
 */
@FunctionalInterface
public interface SessionVariablesContributor {

	/**
	 * Add or change variables.
	 * @param variables the variables of the event being recorded
	 */
	void contribute(Map<String, Object> variables);

}
