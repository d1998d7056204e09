"""A machine without Chromium: the browser tests skip with the reason, or fail in CI.

Runs pytest on the browser tests in a child process with MAEUL_CHROMIUM pointing nowhere,
once as a developer would (every browser test skipped, the run green, nothing set up for
them) and once as CI does (MAEUL_REQUIRE_BROWSER=1: the run fails and says why).
"""

import os
import subprocess
import sys

from django.conf import settings

NOWHERE = "/nonexistent/chromium"


def run_browser_tests(tmp_path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTEST_", "MAEUL_REQUIRE_BROWSER"))
    }
    environment.update(MAEUL_CHROMIUM=NOWHERE, MAEUL_VAR_DIR=str(tmp_path / "var"), **env)
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/browser",
        "-q",
        "-rs",
        "-p",
        "no:cacheprovider",
    ]
    return subprocess.run(  # noqa: S603 -- pytest itself, on our own tests
        [*command, *options],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_chromium_every_browser_test_skips_with_the_reason(tmp_path):
    result = run_browser_tests(tmp_path, "--setup-show")

    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert "skipped" in summary, summary
    assert not any(word in summary for word in ("passed", "failed", "error")), summary
    assert f"no Chromium at {NOWHERE}" in result.stdout
    # Skipped before any fixture: no test database, live server or browser was started.
    assert "SETUP" not in result.stdout


def test_in_ci_a_missing_chromium_fails_the_browser_tests(tmp_path):
    result = run_browser_tests(tmp_path, "-x", MAEUL_REQUIRE_BROWSER="1")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "browser test skipped although MAEUL_REQUIRE_BROWSER=1" in result.stdout
    assert f"no Chromium at {NOWHERE}" in result.stdout
