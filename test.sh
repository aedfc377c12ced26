#!/usr/bin/env bash
# Runs every test of OllyStack and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need first (scripts/install-test-deps.sh). Exit status is non-zero if anything failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/.test-results"
rm -rf "$results"
mkdir -p "$results"

if ! scripts/install-test-deps.sh; then
  echo "error: installing test dependencies failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if ! dotnet build OllyStack.slnx -c Release --nologo -v quiet; then
  echo "error: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "=== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

# Sum the counters of every run; a project that crashed before writing its results counts as one failure.
summary="$(python3 - "$results" tests/*/*.csproj <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
results, projects = sys.argv[1], sys.argv[2:]
passed = failed = skipped = 0
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for project in projects:
    name = os.path.basename(project)[:-len(".csproj")]
    path = os.path.join(results, name + ".trx")
    if not os.path.exists(path):
        failed += 1
        continue
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0)) + int(counters.get("inconclusive", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
print("FAILED" if failed else "OK")
PY
)"
verdict="$(tail -n1 <<<"$summary")"
echo "$(head -n1 <<<"$summary")"
[[ "$verdict" == OK && $status -eq 0 ]] || exit 1
