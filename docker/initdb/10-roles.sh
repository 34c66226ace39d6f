#!/bin/sh
# First start of the database container only: two roles besides the superuser.
#   bw_owner  owns the database and its schema; only the migrate service logs in as it.
#   bw_app    the app's role: reads and writes rows (granted by `migrate --grant-to bw_app`), owns
#             nothing, so it cannot ALTER TABLE, DISABLE TRIGGER or set session_replication_role.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE ROLE bw_owner LOGIN PASSWORD '${BW_OWNER_PASSWORD}';
CREATE ROLE bw_app LOGIN PASSWORD '${BW_APP_PASSWORD}';
CREATE DATABASE beschlussweg OWNER bw_owner;
REVOKE ALL ON DATABASE beschlussweg FROM PUBLIC;
GRANT CONNECT ON DATABASE beschlussweg TO bw_app;
SQL
