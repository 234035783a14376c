#!/usr/bin/env bash
# Regenerates the committed reports in reports/ from the pairs listed in reports/pairs.tsv
# (A, B, report file): the Markdown brief (NAME.md) and the HTML page (NAME.html) of each,
# the matrix of the samples (samples-matrix.md and .html, `declcmp matrix`),
# and the README's screenshot of the first pair's page (NAME.png, when /usr/bin/chromium is
# there). tests/reports.rs fails when the .md or .html files are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
first=""
while IFS=$'\t' read -r a b report; do
    [ -n "$a" ] || continue
    for format in markdown html; do
        out="reports/$report"
        [ "$format" = html ] && out="reports/${report%.md}.html"
        status=0
        target/release/declcmp "$a" "$b" --format "$format" --color never --output "$out" || status=$?
        # 0 (same) and 1 (differ) both wrote a report; 2 is trouble.
        [ "$status" -le 1 ] || exit "$status"
        echo "$out"
    done
    [ -n "$first" ] || first="reports/${report%.md}"
done < reports/pairs.tsv

# The matrix of the Shanghai sample against every sample (the corpus is not in the
# repository; the samples are), as a Markdown brief and an HTML page.
for format in markdown html; do
    out="reports/samples-matrix.${format/markdown/md}"
    target/release/declcmp matrix samples/shanghai-declaration.zh.md samples --sort shared \
        --format "$format" --output "$out"
    echo "$out"
done

# The screenshot: the page with its "Changed" filter picked (as a reader would click it; a
# copy with the radio button checked, since a screenshot cannot click), in headless Chromium
# with a fresh profile and nothing that could reach the network (the page loads nothing).
if [ -x /usr/bin/chromium ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    sed -e 's/id="f-all" checked/id="f-all"/' -e 's/id="f-changed"/id="f-changed" checked/' \
        "$first.html" > "$scratch/page.html"
    /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$scratch/profile" --hide-scrollbars --window-size=1200,2300 \
        --screenshot="$PWD/$first.png" "file://$scratch/page.html" >/dev/null 2>&1
    echo "$first.png"
else
    echo "reports.sh: /usr/bin/chromium not found; $first.png left as it was" >&2
fi
