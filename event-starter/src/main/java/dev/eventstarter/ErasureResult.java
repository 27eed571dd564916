package dev.eventstarter;

/**
 * What one call of {@link EventErasure} erased.
 *
 * @param events how many {@code _events} rows had values erased now
 * @param auditRows how many {@code _audit_log} rows were erased now: a user's lose who
 * and from where, a resource's (which hold no values of it) are marked erased
 */
public record ErasureResult(int events, int auditRows) {

}
