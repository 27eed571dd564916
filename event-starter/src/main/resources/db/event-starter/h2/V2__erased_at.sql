-- event-starter schema version 2: when the event's personal data was erased (EventErasure); null for
-- an event that was never erased. Safe to run again.

alter table _events add column if not exists erased_at timestamp(6) with time zone;
