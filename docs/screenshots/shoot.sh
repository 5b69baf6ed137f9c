#!/bin/sh
# Regenerate front.png, event.png and entity.png: a store of the bundled
# sample, served on loopback, shot with headless Chromium. Run from the
# repository root after `cargo build --release`.
set -eu
ROOT=$(pwd)
BIN=${BIN:-$ROOT/target/release/chronicle}
WORK=$(mktemp -d)
cd "$WORK"
"$BIN" ingest "$ROOT/samples/articles" --events "$ROOT/samples/events.jsonl"
"$BIN" serve --addr 127.0.0.1:18190 2> serve.log & SERVER=$!
trap 'kill $SERVER; rm -rf "$WORK"' EXIT
sleep 1
# The event with the most related events and sources shows the most.
EVENT=$("$BIN" events --json | python3 -c "import sys,json; es=[json.loads(l) for l in sys.stdin]; print(max(es, key=lambda e: (len(e['related']), len(e['sources'])))['id'])")
for page in front:/ event:/event/$EVENT entity:/entity/Belarus; do
  name=${page%%:*}; path=${page#*:}
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1000,1250 --screenshot="$ROOT/docs/screenshots/$name.png" "http://127.0.0.1:18190$path" 2>/dev/null
done
