#!/usr/bin/env bash
# Security audit: known vulnerabilities in the pinned dependencies (pip-audit) and risky
# patterns in our own code (bandit, medium severity and up). Both always run; the exit
# status is non-zero if either finds something or cannot do its job.
#
# pip-audit asks PyPI's JSON API for the advisories of every pinned version (or OSV with
# PIP_AUDIT_SERVICE=osv). --strict: a package it could not look up fails the audit instead
# of passing unchecked. --disable-pip: the lock is complete and hashed, nothing is resolved.
set -uo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
APPS=(accounts announcements bridges companies config core demo events insights leads
  matchmaking notifications pages scripts)
status=0

echo "== pip-audit: requirements.lock"
"$BIN/pip-audit" -r requirements.lock --require-hashes --disable-pip --strict \
  --vulnerability-service "${PIP_AUDIT_SERVICE:-pypi}" --progress-spinner off || status=1

echo "== bandit: ${APPS[*]} (medium and high severity)"
"$BIN/bandit" -r "${APPS[@]}" -ll -c pyproject.toml -q || status=1

exit "$status"
