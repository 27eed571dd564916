-- the application's own version 1, next to event-starter's version 1 in its own history table
create table app_notes (id bigint primary key, body varchar(255));
