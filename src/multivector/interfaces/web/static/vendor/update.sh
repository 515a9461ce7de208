#!/bin/sh
# Refresh the vendored network library of the web app (this directory) from npm.
# Versions are pinned here and in README.md: change both, run this, look at /network, commit.
set -eu
DEST="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent cytoscape@3.35.0 cytoscape-fcose@2.2.0 cose-base@2.2.0 layout-base@2.0.1 >/dev/null
for tgz in *.tgz; do mkdir "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done
mkdir -p "$DEST"
cp cytoscape-3.35.0/package/dist/cytoscape.min.js "$DEST/cytoscape.min.js"
cp cytoscape-3.35.0/package/LICENSE "$DEST/LICENSE.cytoscape"
cp layout-base-2.0.1/package/layout-base.js "$DEST/layout-base.js"
cp layout-base-2.0.1/package/LICENSE "$DEST/LICENSE.layout-base"
cp cose-base-2.2.0/package/cose-base.js "$DEST/cose-base.js"
cp cose-base-2.2.0/package/LICENSE "$DEST/LICENSE.cose-base"
cp cytoscape-fcose-2.2.0/package/cytoscape-fcose.js "$DEST/cytoscape-fcose.js"
cp cytoscape-fcose-2.2.0/package/LICENSE "$DEST/LICENSE.cytoscape-fcose"
(cd "$DEST" && sha256sum cytoscape.min.js layout-base.js cose-base.js cytoscape-fcose.js > SHA256SUMS)
echo "vendored into $DEST"
