package dev.eventstarter;

/**
 * What one call of {@link EventErasure} erased.
 *
 * @param events how many {@code _events} rows had values erased now
 * @param auditRows how many {@code _audit_log} rows had values erased now
 */
public record ErasureResult(int events, int auditRows) {

}
