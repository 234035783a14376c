#!/usr/bin/env bash
# Regenerates the committed Markdown reports in reports/ from the pairs listed in
# reports/pairs.tsv (A, B, report file). tests/reports.rs fails when they are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
while IFS=$'\t' read -r a b report; do
    [ -n "$a" ] || continue
    status=0
    target/release/declcmp "$a" "$b" --format markdown --color never --output "reports/$report" || status=$?
    # 0 (same) and 1 (differ) both wrote a report; 2 is trouble.
    [ "$status" -le 1 ] || exit "$status"
    echo "reports/$report"
done < reports/pairs.tsv
