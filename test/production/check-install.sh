#!/usr/bin/env bash
# The production install path, without Docker (the Dockerfile runs the same commands):
#   npm ci --omit=dev && npm run build, in a fresh copy of the working tree, then every operator
#   step from compiled JavaScript run by plain node (no @swc-node/register, no dev dependencies):
#   migrate as the schema owner, the first admin key as the app's role, the production server as
#   that role, audit verify and checkpoint, and the seed on a development database.
# Needs a PostgreSQL server where it may create roles and databases:
#   CHECK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
# Takes a few minutes (mostly npm ci and tsc): run by hand or in a nightly job, not in every CI run.
set -euo pipefail
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
SERVER_URL="${CHECK_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
WORK="$(mktemp -d /tmp/bw-prod-install-XXXXXX)"
SUFFIX="$(node -e 'console.log(require("crypto").randomBytes(3).toString("hex"))')"
OWNER="bw_owner_check_$SUFFIX"; APP="bw_app_check_$SUFFIX"; DB="bw_check_$SUFFIX"; DEVDB="bw_check_seed_$SUFFIX"
PORT="$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')"
with_db() { node -e 'const u=new URL(process.argv[1]);u.pathname="/"+process.argv[2];if(process.argv[3]){u.username=process.argv[3];u.password="pw-'"$SUFFIX"'"}console.log(u.toString())' "$SERVER_URL" "$@"; }
sql() { node -e 'const {Client}=require("pg");const c=new Client({connectionString:process.argv[1]});c.connect().then(async()=>{for(const q of process.argv.slice(2))await c.query(q);await c.end()}).catch(e=>{console.error(e.message);process.exit(1)})' "$SERVER_URL" "$@"; }
step() { printf '\n--- %s\n' "$*"; }
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  (cd "$SRC" && sql "DROP DATABASE IF EXISTS $DB WITH (FORCE)" "DROP DATABASE IF EXISTS $DEVDB WITH (FORCE)" "DROP ROLE IF EXISTS $APP" "DROP ROLE IF EXISTS $OWNER") || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step "copy of the working tree in $WORK"
(cd "$SRC" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$WORK"

cd "$WORK"
step "npm ci --omit=dev && npm run build"
npm ci --omit=dev --no-audit --no-fund --prefer-offline
npm run build
for dev in @swc-node/register jest @nestjs/cli; do
  if [ -e "node_modules/$dev" ]; then echo "dev-only package $dev is installed"; exit 1; fi
done

step "roles and database"
(cd "$SRC" && sql "CREATE ROLE $OWNER LOGIN PASSWORD 'pw-$SUFFIX'" "CREATE ROLE $APP LOGIN PASSWORD 'pw-$SUFFIX'" "CREATE DATABASE $DB OWNER $OWNER" "CREATE DATABASE $DEVDB")
OWNER_URL="$(with_db "$DB" "$OWNER")"; APP_URL="$(with_db "$DB" "$APP")"

step "node dist/scripts/migrate.js --grant-to $APP (as the owner)"
DATABASE_URL="$OWNER_URL" node dist/scripts/migrate.js --grant-to "$APP"

step "node dist/scripts/keys.js issue (first admin, as the app's role)"
TOKEN="$(DATABASE_URL="$APP_URL" node dist/scripts/keys.js issue --tenant kreis-coesfeld --tenant-name "Kreis Coesfeld" --user it-admin --role admin | sed -n 's/^token (shown once): //p')"
[ -n "$TOKEN" ]

step "NODE_ENV=production node dist/src/main.js (as the app's role)"
KEY="$(node -e 'console.log(require("crypto").generateKeyPairSync("ed25519").privateKey.export({type:"pkcs8",format:"pem"}).toString())')"
NODE_ENV=production DATABASE_URL="$APP_URL" PORT="$PORT" AUDIT_SIGNING_KEY="$KEY" node dist/src/main.js > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$PORT/health"; echo
head -c 300 "$WORK/server.log"; echo
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1],"utf8").split("\n")[0])' "$WORK/server.log" # JSON from the first line
ID="$(curl -sf -X POST "http://127.0.0.1:$PORT/workflows/sample/instances" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"input":{"title":"Laptops","amountCents":240000}}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')"
curl -sf -X POST "http://127.0.0.1:$PORT/instances/$ID/events" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"type":"SUBMIT"}' > /dev/null
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""

step "node dist/scripts/audit.js verify --all and checkpoint (as the app's role)"
DATABASE_URL="$APP_URL" AUDIT_SIGNING_KEY="$KEY" node dist/scripts/audit.js verify --all
DATABASE_URL="$APP_URL" AUDIT_SIGNING_KEY="$KEY" node dist/scripts/audit.js checkpoint

step "node dist/seeds/seed.js (a development database)"
DATABASE_URL="$(with_db "$DEVDB")" AUDIT_KEY_FILE="$WORK/dev-audit-key.pem" node dist/seeds/seed.js

printf '\nOK: production install, build, migrate, keys, server, audit and seed from compiled JavaScript\n'
