-- event-starter schema version 3 moves PostgreSQL's dispatch work list off _events; on this
-- database the dispatcher still marks _events.dispatched_at, so the version changes nothing here.

select 1;
