#!/usr/bin/env bash
# ./run adopt: what an adopter does, end to end. Builds and packs every
# published package, creates a fresh app with @backstage/create-app@latest,
# installs the tarballs the way the README's install lines do (as if
# published: the app's resolutions point each @opskit package at its
# tarball), wires them, type-checks the app with skipLibCheck off
# (create-app's `tsc:full`), starts its backend and calls the ops API and the
# actions registry. Prints PASS/FAIL per step with its time; exits 1 at the
# first failure.
#
#   OPSKIT_ADOPT_DIR=<dir>    keep the app there (default: a temp dir, removed on success)
#   OPSKIT_ADOPT_FROM=<step>  rerun from that step in an existing OPSKIT_ADOPT_DIR
#   OPSKIT_ADOPT_PIN=0        let the app's ranges float (what create-app does when its yarn.lock
#                             seed cannot be fetched, as without internet; the app then mixes
#                             releases and its own plugins may not start). By default every
#                             @backstage package is held at the release create-app generates,
#                             as the seed would (scripts/adopt-pin.js).
#   OPSKIT_SKIP_INSTALL=1     do not run `yarn install` in this repository before building
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$OPSKIT_ROOT"

work="${OPSKIT_ADOPT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/opskit-adopt.XXXXXX")}"
mkdir -p "$work/tarballs" "$work/bin" "$work/logs"
app="$work/app"
token="opskit-adopt-token"
pin="${OPSKIT_ADOPT_PIN:-1}"
[ "$pin" = 0 ] && pin=""

# create-app needs `yarn` on PATH; a Node fetched from the npm registry has no corepack.
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$OPSKIT_YARN" >"$work/bin/yarn"
chmod +x "$work/bin/yarn"
export PATH="$work/bin:$PATH"

started_all=$SECONDS
step() {
  local name="$1" log="$work/logs/$1.log" started=$SECONDS
  shift
  if "$@" >"$log" 2>&1; then
    echo "PASS $name ($((SECONDS - started)) s)"
  else
    echo "FAIL $name ($((SECONDS - started)) s); last lines of $log:"
    tail -n 40 "$log"
    echo "opskit adopt: FAILED after $((SECONDS - started_all)) s (app kept in $work)"
    exit 1
  fi
}

# The published packages: every plugin folder (packages/ holds the example app and tools).
packages=()
for dir in plugins/*/; do
  [ -f "$dir/package.json" ] || continue
  packages+=("$(node -p "require('./${dir}package.json').name")")
done
# What the README's install lines add (ops-common comes with them).
backend_packages=(@opskit/plugin-ops-backend @opskit/plugin-catalog-backend-module-ops
  @opskit/plugin-scaffolder-backend-module-ops @opskit/plugin-ops-backend-module-prometheus
  @opskit/plugin-ops-node)
frontend_packages=(@opskit/plugin-ops)

build() {
  if [ -z "${OPSKIT_SKIP_INSTALL:-}" ]; then opskit_install || return 1; fi
  yarn tsc && yarn backstage-cli repo build
}

pack() {
  rm -f "$work"/tarballs/*.tgz
  for pkg in "${packages[@]}"; do
    yarn workspace "$pkg" pack --out "$work/tarballs/${pkg##*/}.tgz" || return 1
  done
}

create() {
  rm -rf "$app"
  # The app's name is the one question create-app asks.
  (printf 'opskit-adopter\n'; sleep 60) |
    npx -y @backstage/create-app@latest --path "$app" --skip-install &&
    [ -f "$app/backstage.json" ] || return 1
  # create-app's own package (its versions are the release it generates), for the pinned mode:
  # the newest one npx holds, which @latest just ran.
  local file
  find "$(npm config get cache)/_npx" -path '*/node_modules/@backstage/create-app/package.json' 2>/dev/null |
    while read -r file; do echo "$(node -p "require('$file').version") ${file%/package.json}"; done |
    sort -V | tail -n 1 | cut -d' ' -f2- >"$work/create-app-dir"
  echo "create-app: $(cat "$work/create-app-dir")"
}

duplicates_of() { node "$OPSKIT_ROOT/scripts/lock-duplicates.js" "$1"; }

# The app as create-app made it, installed; its duplicates are the baseline.
install_app() {
  if [ -n "$pin" ]; then
    local dir
    dir="$(cat "$work/create-app-dir")"
    [ -f "$dir/dist/lib/versions.cjs.js" ] || { echo "create-app's package not found"; return 1; }
    node "$OPSKIT_ROOT/scripts/adopt-pin.js" "$app" "$dir" &&
      (cd "$app" && yarn install) || return 1
    # The packages those depend on, at the release's versions too (read from the lock), level by level.
    local pass
    for pass in 1 2 3 4 5; do
      node "$OPSKIT_ROOT/scripts/adopt-pin.js" "$app" "$dir" --floors | tee "$work/pin.txt" &&
        grep -q '(0 new)' "$work/pin.txt" && break
      (cd "$app" && yarn install) || return 1
    done
    # A lockfile as create-app's seed makes it: the ranges locked, no resolutions.
    node "$OPSKIT_ROOT/scripts/adopt-pin.js" "$app" --seed &&
      (cd "$app" && yarn install) || return 1
  else
    (cd "$app" && yarn install) || return 1
  fi
  cp "$app/yarn.lock" "$work/yarn.lock.before"
  duplicates_of "$app/yarn.lock" | tee "$work/duplicates-before.txt"
}

# `name@^version`: a bare name would be looked up in the registry before the resolutions apply.
ranged() {
  local pkg
  for pkg in "$@"; do
    echo "$pkg@^$(node -p "require('./plugins/${pkg#@opskit/plugin-}/package.json').version")"
  done
}

# The README's install lines.
add() {
  local backend frontend
  backend="$(ranged "${backend_packages[@]}")" || return 1
  frontend="$(ranged "${frontend_packages[@]}")" || return 1
  # Internal dependencies between the @opskit packages resolve to the tarballs too.
  node -e '
    const fs = require("fs");
    const [file, dir, ...names] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.resolutions = pkg.resolutions || {};
    for (const name of names) pkg.resolutions[name] = `file:${dir}/${name.split("/")[1]}.tgz`;
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$app/package.json" "$work/tarballs" "${packages[@]}" &&
    # shellcheck disable=SC2086
    set -o pipefail && (cd "$app" && yarn --cwd packages/backend add $backend) | tee "$work/add-yarn.log" &&
    (cd "$app" && yarn --cwd packages/app add $frontend) | tee -a "$work/add-yarn.log" || return 1
  echo "peer dependency warnings about OpsKit's packages:"
  grep -h "YN0002.*@opskit" "$work/add-yarn.log" | sed 's/^/  /' | sort -u | grep . || echo "  none"
}

# One copy of each @backstage package: none added by OpsKit, and OpsKit's ranges admit the app's versions.
duplicates() {
  duplicates_of "$app/yarn.lock" | tee "$work/duplicates-after.txt"
  local before after
  before="$(grep -c '^@backstage' "$work/duplicates-before.txt")"
  after="$(grep -c '^@backstage' "$work/duplicates-after.txt")"
  echo "duplicate @backstage packages: $before before OpsKit, $after after"
  echo "added by OpsKit:"
  { diff <(grep '^@backstage' "$work/duplicates-before.txt") <(grep '^@backstage' "$work/duplicates-after.txt") || true; } |
    sed -n 's/^> /  /p' | grep . || echo "  none"
  node "$OPSKIT_ROOT/scripts/adopt-ranges.js" "$work/yarn.lock.before" "$work"/tarballs/*.tgz &&
    [ "$after" -le "$before" ]
}

wire() {
  node -e '
    const fs = require("fs");
    const app = process.argv[1];
    const backend = `${app}/packages/backend/src/index.ts`;
    let text = fs.readFileSync(backend, "utf8");
    const lines = [
      "@opskit/plugin-catalog-backend-module-ops",
      "@opskit/plugin-ops-backend",
      "@opskit/plugin-scaffolder-backend-module-ops",
      "@opskit/plugin-ops-backend-module-prometheus",
    ].map(p => `backend.add(import(${JSON.stringify(p)}));`).join("\n");
    if (!text.includes("backend.start();")) throw new Error("no backend.start() in " + backend);
    text = text.replace("backend.start();", `${lines}\n\nbackend.start();`);
    fs.writeFileSync(backend, text);

    // New frontend system (create-app 0.9 generates it): the plugin joins the features.
    const frontend = `${app}/packages/app/src/App.tsx`;
    text = fs.readFileSync(frontend, "utf8");
    if (!text.includes("@backstage/frontend-defaults") || !text.includes("features: ["))
      throw new Error("App.tsx is not a new-frontend-system app: " + frontend);
    text = `import opsPlugin from "@opskit/plugin-ops/alpha";\n${text}`.replace(
      "features: [",
      "features: [opsPlugin, ",
    );
    fs.writeFileSync(frontend, text);
  ' "$app" &&
    cat >"$app/app-config.local.yaml" <<YAML
backend:
  auth:
    externalAccess:
      - type: static
        options:
          token: $token
          subject: opskit-adopt
  actions:
    pluginSources: [ops]
YAML
}

typecheck() { (cd "$app" && yarn tsc:full); }

backend_pid=""
stop_backend() { if [ -n "$backend_pid" ]; then kill -- "-$backend_pid" 2>/dev/null; fi; }
trap stop_backend EXIT

start() {
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  base="http://127.0.0.1:$port"
  echo "$base" >"$work/base-url"
  # Its own process group (job control on), so stopping it stops what yarn started.
  (
    cd "$app" || exit 1
    set -m
    APP_CONFIG_backend_listen_port="$port" APP_CONFIG_backend_baseUrl="$base" \
      yarn workspace backend start >"$work/logs/backend.log" 2>&1 &
    echo $! >"$work/backend.pid"
  )
  backend_pid="$(cat "$work/backend.pid")"
  local log="$work/logs/backend.log"
  # Up when every plugin has started; a plugin that throws at start fails the backend.
  for _ in $(seq 1 300); do
    if grep -q "Backend startup failed\|threw an error during startup" "$log" 2>/dev/null; then
      sleep 2
      echo "the backend did not start:"
      grep -o "Plugin '[^']*' threw an error during startup.*" "$log" | cut -c1-300
      grep -o "Plugin '[^']*' startup failed.*" "$log" | cut -c1-300
      return 1
    fi
    if grep -q "Plugin initialization complete" "$log" 2>/dev/null &&
      curl -fsS "$base/api/ops/health" >/dev/null 2>&1; then
      grep -o "Plugin initialization started: .*" "$log" | cut -c1-300
      return 0
    fi
    kill -0 "$backend_pid" 2>/dev/null || { tail -n 40 "$log"; return 1; }
    sleep 1
  done
  tail -n 40 "$log"
  return 1
}

health() { curl -fsS "$base/api/ops/health" && echo && curl -fsS "$base/api/ops/health" | grep -q '"ok"'; }

compliance() {
  curl -fsS -H "Authorization: Bearer $token" "$base/api/ops/compliance" |
    node -e 'const b=JSON.parse(require("fs").readFileSync(0,"utf8"));if(!Array.isArray(b.items))process.exit(1);console.log(`compliance: ${b.totalItems} rows`)' &&
    # Without credentials the API refuses.
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/ops/compliance")" = 401 ]
}

# Each plugin serves the actions it registered at /.backstage/actions/v1/actions (backend-defaults' actions registry).
actions() {
  curl -fsS -H "Authorization: Bearer $token" "$base/api/ops/.backstage/actions/v1/actions" |
    node -e 'const b=JSON.parse(require("fs").readFileSync(0,"utf8"));const ids=(b.actions||[]).map(a=>a.id);console.log(ids.join("\n"));for(const id of ["get-entity-ops","get-compliance-summary","list-failing-checks-for-owner"])if(!ids.some(i=>i.endsWith(id)))process.exit(1)'
}

run_from() { [ "$from" = "$1" ] && from=""; [ -z "$from" ]; }
from="${OPSKIT_ADOPT_FROM:-build}"

echo "opskit adopt: working in $work${pin:+, pinned to the release create-app generates}"
run_from build && step build build
run_from pack && step pack pack
run_from create-app && step create-app create
echo "     app on Backstage $(node -p "require('$app/backstage.json').version")"
run_from install-app && step install-app install_app
run_from add && step add add
run_from duplicates && step duplicates duplicates
sed -n 's/^duplicate/     duplicate/p' "$work/logs/duplicates.log"
run_from wire && step wire wire
run_from tsc-full && step tsc-full typecheck
step start-backend start
step health health
step compliance compliance
step actions actions
echo "opskit adopt: every step passed in $((SECONDS - started_all)) s"
stop_backend
backend_pid=""
[ -z "${OPSKIT_ADOPT_DIR:-}" ] && rm -rf "$work"
exit 0
