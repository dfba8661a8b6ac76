#!/usr/bin/env bash
# Lines to merge into .ci/run (before `pip install '.[test]' && pytest`), for the newsroom feature
# (scorer compare, scorer serve, the review page). Not run by CI on its own.
#
# The review-page tests drive the system's Chromium through Playwright (never `playwright install`,
# which downloads a browser build). They skip with a reason when /usr/bin/chromium is absent, so CI
# still passes without these lines, but then the pages are not checked in a browser.
if ! command -v chromium >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "ci: chromium not installed and apt-get unavailable; the browser tests will skip" >&2
    fi
fi
# The 'test' extra already holds starlette, uvicorn, threadpoolctl and playwright (pyproject.toml).
# Screenshots of the review and compare pages land in test-artifacts/ (ignored by git); keep them as CI artefacts if wanted.
