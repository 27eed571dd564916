-- event-starter schema version 2: when an event's or an audit row's personal data was erased
-- (EventErasure); null for a row that was never erased. Safe to run again: MySQL has no "add column
-- if not exists", so each statement is chosen by whether the column is there.

set @event_starter_v2 = (select if(count(*) = 0, 'alter table _events add column erased_at datetime(6)', 'do 0')
    from information_schema.columns
    where table_schema = database() and table_name = '_events' and column_name = 'erased_at');
prepare event_starter_v2 from @event_starter_v2;
execute event_starter_v2;
deallocate prepare event_starter_v2;

set @event_starter_v2 = (select if(count(*) = 0, 'alter table _audit_log add column erased_at datetime(6)', 'do 0')
    from information_schema.columns
    where table_schema = database() and table_name = '_audit_log' and column_name = 'erased_at');
prepare event_starter_v2 from @event_starter_v2;
execute event_starter_v2;
deallocate prepare event_starter_v2;
