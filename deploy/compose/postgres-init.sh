#!/usr/bin/env bash
# First start of the compose PostgreSQL: one role and one database per service, each role owning
# only its own database (the services share nothing). Passwords come from the environment.
set -euo pipefail
for service in personnel training mentoring evaluation welfare; do
  var="${service^^}_DB_PASSWORD"
  password="${!var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
