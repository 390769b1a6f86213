#!/usr/bin/env bash
# Checks the alerting rules and runs their unit tests with promtool.
# Usage: bash deploy/prometheus/test-rules.sh   (from any directory)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
promtool="${PROMTOOL:-promtool}"

if ! command -v "$promtool" >/dev/null 2>&1; then
  echo "test-rules: promtool not found." >&2
  echo "  On Debian or Ubuntu it comes with Prometheus: apt-get install prometheus" >&2
  echo "  (or set PROMTOOL=/path/to/promtool)." >&2
  exit 2
fi

echo "test-rules: $("$promtool" --version 2>&1 | head -n 1)"

cd "$here"
if ! "$promtool" check rules alerts.yml; then
  echo "test-rules: FAILED: promtool check rules alerts.yml" >&2
  exit 1
fi
if ! "$promtool" test rules alerts.test.yml; then
  echo "test-rules: FAILED: promtool test rules alerts.test.yml" >&2
  exit 1
fi
if ! "$promtool" check config prometheus.yml; then
  echo "test-rules: FAILED: promtool check config prometheus.yml" >&2
  exit 1
fi

echo "test-rules: all rule checks and tests passed"
