-- The event tables and rows as event-starter 0.1.0 left them: its schema (version 1 of the
-- migrations) exactly as released, frozen here, and rows of every kind its code wrote. The upgrade
-- tests start from this. Never edit it: a new release gets a fixture of its own.

-- event-starter tables for MariaDB 10.6+. Safe to run again: every table is "if not exists", with
-- its indexes inside. MySQL 8.0+ runs the same statements from mysql/V1__event_starter_tables.sql.
-- Times are UTC in datetime(6) columns (microseconds, no 2038 limit); text is utf8mb4 with a binary
-- collation, so that types and resource ids compare case-sensitively as on PostgreSQL; ids are
-- the 36-character text of the UUID.

create table if not exists _events (
    id                bigint       not null auto_increment,
    event_id          char(36)     character set ascii not null,
    event_type        varchar(255) not null,
    resource_name     varchar(255),
    resource_id       varchar(255),
    created_at        datetime(6)  not null,
    available_at      datetime(6)  not null,
    dispatched_at     datetime(6),
    priority          smallint     not null default 5,
    tenant            varchar(255),
    source            varchar(255),
    data              json         not null,
    session_variables json,
    trace_context     json,
    transaction_id    char(36)     character set ascii not null,
    metadata          json,
    primary key (id),
    constraint _events_event_id_key unique (event_id),
    constraint _events_priority_check check (priority between 0 and 10),
    -- the dispatcher's work list: undispatched rows come first, in dispatch order
    index _events_undispatched_idx (dispatched_at, priority desc, id),
    -- history, stateAt and replay of one resource
    index _events_resource_idx (resource_name, resource_id, id),
    -- queries by type, exact or by prefix pattern (posts.*)
    index _events_type_idx (event_type, id),
    -- time ranges
    index _events_created_at_idx (created_at)
) engine = InnoDB default character set utf8mb4 collate utf8mb4_bin;

-- the dispatcher's leases: one row per round, naming the claimed ids in a JSON array, written while
-- no other instance claims and deleted when the round is acknowledged; a lease that outlives its
-- dispatcher expires and its events are claimed again
create table if not exists _event_leases (
    id           bigint      not null,
    event_ids    json        not null,
    leased_until datetime(6) not null,
    primary key (id)
) engine = InnoDB;

-- deliveries that need state: failed and retried, dead, waiting behind an earlier event of their
-- resource (ordered subscribers), or not started before a shutdown. A first-attempt success has no row.
create table if not exists _event_deliveries (
    id              bigint        not null auto_increment,
    event_id        bigint        not null,
    subscriber      varchar(255)  not null,
    status          varchar(16)   character set ascii not null,
    attempts        integer       not null default 0,
    next_attempt_at datetime(6),
    claimed_until   datetime(6),
    last_attempt_at datetime(6),
    last_error      varchar(2000),
    ordering_key    varchar(511),
    primary key (id),
    constraint _event_deliveries_event_subscriber_key unique (event_id, subscriber),
    constraint _event_deliveries_event_fk foreign key (event_id) references _events (id) on delete cascade,
    -- retries due, in the order they come due
    index _event_deliveries_due_idx (status, next_attempt_at),
    -- what holds back an ordered subscriber on one resource (a prefix: InnoDB keys are 3072 bytes)
    index _event_deliveries_ordering_idx (ordering_key(300), subscriber(200), event_id),
    -- dead deliveries for operators
    index _event_deliveries_dead_idx (status, last_attempt_at)
) engine = InnoDB default character set utf8mb4 collate utf8mb4_bin;

-- the audit-log subscriber's record: one row per event, written idempotently (event_id is unique)
create table if not exists _audit_log (
    id             bigint       not null auto_increment,
    event_id       char(36)     character set ascii not null,
    occurred_at    datetime(6)  not null,
    event_type     varchar(255) not null,
    action         varchar(255) not null,
    resource_name  varchar(255),
    resource_id    varchar(255),
    tenant         varchar(255),
    user_id        varchar(255),
    role           varchar(255),
    ip             varchar(255),
    user_agent     varchar(255),
    changed_fields json,
    trace_id       varchar(32),
    primary key (id),
    constraint _audit_log_event_id_key unique (event_id),
    -- who changed this record, and what did this user do
    index _audit_log_resource_idx (resource_name, resource_id, occurred_at),
    index _audit_log_user_idx (user_id, occurred_at),
    -- time ranges and retention
    index _audit_log_occurred_at_idx (occurred_at)
) engine = InnoDB default character set utf8mb4 collate utf8mb4_bin;

-- three dispatched events (a change, a later change of the same post, an emitted event without a
-- resource) and two undispatched ones
insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
    values ('11111111-1111-4111-8111-000000000001', 'posts.created', 'posts', '1', '2026-11-30 10:00:00.123456', '2026-11-30 10:00:00.123456', '2026-11-30 10:00:01.000000', 5, null, 'blog', '{"old":null,"new":{"id":1,"title":"Hello","status":"DRAFT"},"changes":{"added":["id","title","status"],"updated":[],"removed":[]}}', '{"userId":"alice","role":"editor","ip":"10.0.0.7","userAgent":"curl/8.5"}', '{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":null,"requestId":"req-7","correlationId":null}', '22222222-2222-4222-8222-000000000001', null);
insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
    values ('11111111-1111-4111-8111-000000000002', 'posts.updated', 'posts', '1', '2026-11-30 10:05:00.000000', '2026-11-30 10:05:00.000000', '2026-11-30 10:05:01.000000', 5, null, 'blog', '{"old":{"id":1,"title":"Hello","status":"DRAFT"},"new":{"id":1,"title":"Hello again","status":"DRAFT"},"changes":{"added":[],"updated":["title"],"removed":[]}}', '{"userId":"alice","role":"editor","ip":"10.0.0.7","userAgent":"curl/8.5"}', '{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":null,"requestId":"req-7","correlationId":null}', '22222222-2222-4222-8222-000000000002', null);
insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
    values ('11111111-1111-4111-8111-000000000003', 'orders.placed', null, null, '2026-11-30 10:06:00.000000', '2026-11-30 10:06:00.000000', '2026-11-30 10:06:01.000000', 5, null, 'blog', '{"orderId":"A-7","total":42.5}', null, '{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":null,"requestId":"req-7","correlationId":null}', '22222222-2222-4222-8222-000000000003', null);
insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
    values ('11111111-1111-4111-8111-000000000004', 'posts.updated', 'posts', '1', '2026-11-30 10:10:00.000000', '2026-11-30 10:10:00.000000', null, 5, null, 'blog', '{"old":{"id":1,"title":"Hello again","status":"DRAFT"},"new":{"id":1,"title":"Hello again","status":"PUBLISHED"},"changes":{"added":[],"updated":["status"],"removed":[]}}', '{"userId":"alice","role":"editor","ip":"10.0.0.7","userAgent":"curl/8.5"}', '{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":null,"requestId":"req-7","correlationId":null}', '22222222-2222-4222-8222-000000000004', null);
insert into _events (event_id, event_type, resource_name, resource_id, created_at, available_at, dispatched_at, priority, tenant, source, data, session_variables, trace_context, transaction_id, metadata)
    values ('11111111-1111-4111-8111-000000000005', 'invoices.created', 'invoices', '9', '2026-11-30 10:11:00.000000', '2026-11-30 10:11:00.000000', null, 5, null, 'blog', '{"old":null,"new":{"id":9,"amount":120},"changes":{"added":["id","amount"],"updated":[],"removed":[]}}', null, '{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","parentSpanId":null,"requestId":"req-7","correlationId":null}', '22222222-2222-4222-8222-000000000005', null);

-- a delivery that died for a subscriber the application no longer has
insert into _event_deliveries (event_id, subscriber, status, attempts, next_attempt_at, claimed_until, last_attempt_at, last_error, ordering_key)
    select id, 'old-mirror', 'DEAD', 3, null, null, '2026-11-30 10:07:00.000000', 'IllegalStateException: mirror refused', null from _events where event_id = '11111111-1111-4111-8111-000000000002';

-- the audit log's row of the first event
insert into _audit_log (event_id, occurred_at, event_type, action, resource_name, resource_id, tenant, user_id, role, ip, user_agent, changed_fields, trace_id)
    values ('11111111-1111-4111-8111-000000000001', '2026-11-30 10:00:00.123456', 'posts.created', 'created', 'posts', '1', null, 'alice', 'editor', '10.0.0.7', 'curl/8.5', '["id","title","status"]', '4bf92f3577b34da6a3ce929d0e0e4736');
