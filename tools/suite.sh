# Sourced by the test scripts (tools/test.sh, tools/test-php84.sh,
# tools/test-zts.sh): counts what each suite asserted. Every suite of this
# project ends with the plain line "N passed, N failed"; a suite whose output
# has no such line counts as one failure.
#   SUITE_LABEL   prefix of the "--- ..." lines (e.g. "php8.4 ")
passed=0
failed=0
summary=""

record() { # name passed failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  summary="$summary\n  ${SUITE_LABEL:-}$1: $2 passed, $3 failed"
  echo "--- ${SUITE_LABEL:-}$1: $2 passed, $3 failed"
}

# Records the last "N passed, N failed" line of a log.
record_log() { # name log
  local line
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1)"
  if [ -n "$line" ]; then
    record "$1" "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"
  else
    record "$1" 0 1
  fi
}

# Runs a suite into a log, shows its last lines (failures, summary) and records it.
suite() { # name command...
  local name="$1" log
  shift
  log="$(mktemp)"
  "$@" > "$log" 2>&1
  grep -vE '^(PASS|TEST|SKIP) ' "$log" | tail -n 30
  record_log "$name" "$log"
  rm -f "$log"
}

# The closing line and exit status of a test script.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

# A lint or a smoke run: shown, and a failure fails the run, but a success
# asserts nothing about behaviour, so it is not counted as passed.
report() { # name ok(0|1) [detail]
  if [ "$2" = 1 ]; then
    summary="$summary\n  ${SUITE_LABEL:-}$1: ok${3:+ ($3)} (reported, not counted)"
    echo "--- ${SUITE_LABEL:-}$1: ok${3:+ ($3)} (reported, not counted)"
  else
    record "$1" 0 1
  fi
}
