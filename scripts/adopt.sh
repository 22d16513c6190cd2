#!/usr/bin/env bash
# ./run adopt: what an adopter does, end to end. Builds and packs every
# published package, creates a fresh app with @backstage/create-app, installs
# the tarballs the way the README's install lines do (as if published: the
# app's resolutions point each @opskit package at its tarball), wires them,
# type-checks the app with skipLibCheck off (create-app's `tsc:full`), starts
# its backend and calls the ops API and the actions registry.
# Prints PASS/FAIL per step with its time; exits 1 at the first failure.
# OPSKIT_ADOPT_DIR keeps the app there (default: a new temp dir, removed on success).
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$OPSKIT_ROOT"

work="${OPSKIT_ADOPT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/opskit-adopt.XXXXXX")}"
mkdir -p "$work/tarballs" "$work/bin" "$work/logs"
app="$work/app"
token="opskit-adopt-token"

# create-app needs `yarn` on PATH; a Node fetched from the npm registry has no corepack.
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$OPSKIT_YARN" >"$work/bin/yarn"
chmod +x "$work/bin/yarn"
export PATH="$work/bin:$PATH"

step() {
  local name="$1" log="$work/logs/$1.log" started=$SECONDS
  shift
  if "$@" >"$log" 2>&1; then
    echo "PASS $name ($((SECONDS - started)) s)"
  else
    echo "FAIL $name ($((SECONDS - started)) s); last lines of $log:"
    tail -n 40 "$log"
    exit 1
  fi
}

# The published packages: every plugin folder (packages/ holds the example app and tools).
packages=()
for dir in plugins/*/; do
  [ -f "$dir/package.json" ] || continue
  packages+=("$(node -p "require('./${dir}package.json').name")")
done

build() {
  opskit_install && yarn tsc &&
    for pkg in "${packages[@]}"; do yarn workspace "$pkg" build || return 1; done
}

pack() {
  for pkg in "${packages[@]}"; do
    yarn workspace "$pkg" pack --out "$work/tarballs/${pkg##*/}.tgz" || return 1
  done
}

create() {
  rm -rf "$app"
  # The app's name is the one question create-app asks.
  (printf 'opskit-adopter\n'; sleep 60) |
    npx -y @backstage/create-app@latest --path "$app" --skip-install
  [ -f "$app/backstage.json" ]
}

# `name@^version`: a bare name would be looked up in the registry before the resolutions apply.
ranged() {
  local pkg
  for pkg in "$@"; do
    echo "$pkg@^$(node -p "require('./plugins/${pkg#@opskit/plugin-}/package.json').version")"
  done
}

install() {
  local backend frontend
  backend="$(ranged @opskit/plugin-ops-backend @opskit/plugin-catalog-backend-module-ops \
    @opskit/plugin-scaffolder-backend-module-ops @opskit/plugin-ops-backend-module-prometheus \
    @opskit/plugin-ops-node)" || return 1
  frontend="$(ranged @opskit/plugin-ops)" || return 1
  # Internal dependencies between the @opskit packages resolve to the tarballs too.
  node -e '
    const fs = require("fs");
    const [file, dir, ...names] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.resolutions = pkg.resolutions || {};
    for (const name of names) pkg.resolutions[name] = `file:${dir}/${name.split("/")[1]}.tgz`;
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$app/package.json" "$work/tarballs" "${packages[@]}" &&
    (cd "$app" && yarn install) &&
    # shellcheck disable=SC2086
    (cd "$app" && yarn --cwd packages/backend add $backend) &&
    (cd "$app" && yarn --cwd packages/app add $frontend)
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
    text = text.replace("backend.start();", `${lines}\n\nbackend.start();`);
    fs.writeFileSync(backend, text);

    const frontend = `${app}/packages/app/src/App.tsx`;
    text = fs.readFileSync(frontend, "utf8");
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
stop_backend() { [ -n "$backend_pid" ] && kill -- "-$backend_pid" 2>/dev/null; }
trap stop_backend EXIT

start() {
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  base="http://127.0.0.1:$port"
  (
    cd "$app" && set -m &&
      APP_CONFIG_backend_listen_port="$port" APP_CONFIG_backend_baseUrl="$base" \
        yarn workspace backend start >"$work/logs/backend.log" 2>&1 &
    echo $! >"$work/backend.pid"
  )
  backend_pid="$(cat "$work/backend.pid")"
  for _ in $(seq 1 240); do
    curl -fsS "$base/api/ops/health" >/dev/null 2>&1 && return 0
    kill -0 "$backend_pid" 2>/dev/null || { tail -n 40 "$work/logs/backend.log"; return 1; }
    sleep 1
  done
  tail -n 40 "$work/logs/backend.log"
  return 1
}

api() {
  curl -fsS "$base/api/ops/health" | grep -q '"ok"' &&
    curl -fsS -H "Authorization: Bearer $token" "$base/api/ops/compliance" |
    node -e 'const b=JSON.parse(require("fs").readFileSync(0,"utf8"));if(!Array.isArray(b.items))process.exit(1);console.log(`compliance: ${b.totalItems} rows`)' &&
    curl -fsS -H "Authorization: Bearer $token" "$base/api/ops/.backstage/actions/v1/actions" |
    node -e 'const b=JSON.parse(require("fs").readFileSync(0,"utf8"));const ids=(b.actions||[]).map(a=>a.id);console.log(ids.join(", "));if(!ids.some(id=>id.includes("get-entity-ops")))process.exit(1)'
}

duplicates() {
  # One copy of each @backstage package means the ranges fit the app's release.
  (cd "$app" && node -e '
    const lock = require("fs").readFileSync("yarn.lock", "utf8");
    const versions = {};
    for (const m of lock.matchAll(/^"?(@backstage\/[^@"]+)@[^\n]*\n  version: "?([^"\n]+)"?/gm))
      (versions[m[1]] ??= new Set()).add(m[2]);
    const dup = Object.entries(versions).filter(([, v]) => v.size > 1);
    for (const [name, v] of dup) console.log(`${name}: ${[...v].join(", ")}`);
    console.log(`${dup.length} @backstage packages with more than one version`);
  ')
}

# OPSKIT_ADOPT_FROM=<step> reruns from that step in an existing OPSKIT_ADOPT_DIR.
from="${OPSKIT_ADOPT_FROM:-build}"
run_from() { [ "$from" = "$1" ] && from=""; [ -z "$from" ]; }

echo "opskit adopt: working in $work"
run_from build && step build build
run_from pack && step pack pack
run_from create-app && step create-app create
echo "     app on Backstage $(node -p "require('$app/backstage.json').version")"
run_from install && step install install
run_from wire && step wire wire
run_from tsc-full && step tsc-full typecheck
step start-backend start
step api api
duplicates
echo "opskit adopt: every step passed"
[ -z "${OPSKIT_ADOPT_DIR:-}" ] && stop_backend && rm -rf "$work"
exit 0
