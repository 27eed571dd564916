-- event-starter schema version 2: when an event's or an audit row's personal data was erased
-- (EventErasure); null for a row that was never erased. Safe to run again.

alter table _events add column if not exists erased_at datetime(6);
alter table _audit_log add column if not exists erased_at datetime(6);
