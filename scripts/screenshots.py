"""Render the main pages of the demo into docs/screenshots/ (`make screenshots`).

Usage:
    python scripts/screenshots.py [--out DIR] [--only NAME ...] [--keep-var]

A fresh SQLite database is migrated in a temporary MAEUL_VAR_DIR and filled by
`load_demo`; `manage.py serve` runs on a free loopback port; Debian Chromium (Playwright)
signs in as the demo accounts through the log-in form and saves one PNG a page: resident
pages at 360 px wide, staff pages at 1366 px, device scale 1, long pages clipped to
2400 px. Every step has a time limit and the server is stopped on the way out, whatever
happens.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--hide-scrollbars",
]
PASSWORD = "maeul-demo-2026"  # noqa: S105 -- the published demo password (README.md)
RESIDENT = "resident@demo.maeul.kr"
DISTRICT = "district@demo.maeul.kr"
DONG = "dong@demo.maeul.kr"
PHONE, DESK = 360, 1366
MAX_HEIGHT = 2400
TOTAL_TIMEOUT = 1200  # seconds for the whole run, set-up included
SETUP_TIMEOUT = 600  # seconds for migrate, and again for load_demo
SERVER_START_TIMEOUT = 60
PAGE_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class Shot:
    name: str  # file name without .png
    width: int
    account: str | None  # None: not signed in
    path: Callable[[dict[str, int]], str]  # from the demo's object ids to the URL
    needs: tuple[str, ...] = ()  # ids the path needs


SHOTS = [
    Shot("resident-1-home", PHONE, None, lambda ids: "/"),
    Shot("resident-2-proposals", PHONE, RESIDENT, lambda ids: "/proposals/"),
    Shot(
        "resident-3-proposal",
        PHONE,
        RESIDENT,
        lambda ids: f"/proposals/{ids['proposal']}/",
        ("proposal",),
    ),
    Shot("resident-4-votes", PHONE, RESIDENT, lambda ids: "/votes/"),
    Shot(
        "resident-5-ballot",
        PHONE,
        RESIDENT,
        lambda ids: f"/votes/{ids['open_vote']}/ballot/",
        ("open_vote",),
    ),
    Shot(
        "resident-6-result",
        PHONE,
        RESIDENT,
        lambda ids: f"/votes/{ids['counted_vote']}/result/",
        ("counted_vote",),
    ),
    Shot("resident-7-councils", PHONE, RESIDENT, lambda ids: "/councils/"),
    Shot("resident-8-accountability", PHONE, RESIDENT, lambda ids: "/accountability/"),
    Shot("resident-9-dong", PHONE, RESIDENT, lambda ids: f"/dongs/{ids['dong']}/", ("dong",)),
    Shot("resident-10-spaces", PHONE, RESIDENT, lambda ids: "/spaces/"),
    Shot("resident-11-grants", PHONE, RESIDENT, lambda ids: "/grants/"),
    Shot("resident-12-consultations", PHONE, RESIDENT, lambda ids: "/consultations/"),
    Shot("resident-13-courses", PHONE, RESIDENT, lambda ids: "/courses/"),
    Shot("resident-14-volunteering", PHONE, RESIDENT, lambda ids: "/volunteering/"),
    Shot("resident-15-archive", PHONE, RESIDENT, lambda ids: "/archive/"),
    Shot(
        "resident-16-search", PHONE, RESIDENT, lambda ids: "/search/?q=%EC%A3%BC%EC%B0%A8%EC%9E%A5"
    ),
    Shot(
        "staff-1-vote-desk",
        DESK,
        DISTRICT,
        lambda ids: f"/staff/votes/{ids['open_vote']}/",
        ("open_vote",),
    ),
    Shot(
        "staff-2-paper-batch",
        DESK,
        DONG,
        lambda ids: f"/staff/votes/batches/{ids['batch']}/",
        ("batch",),
    ),
    Shot(
        "staff-3-proposal-desk",
        DESK,
        DISTRICT,
        lambda ids: f"/staff/proposals/{ids['staff_proposal']}/",
        ("staff_proposal",),
    ),
    Shot("staff-4-plan-desk", DESK, DONG, lambda ids: f"/staff/plans/{ids['plan']}/", ("plan",)),
]


def log(message: str) -> None:
    print(f"[screenshots] {message}", flush=True)


def manage(env: dict[str, str], *args: str, timeout: int = SETUP_TIMEOUT) -> None:
    command = [sys.executable, str(REPO / "manage.py"), *args]
    subprocess.run(command, env=env, cwd=REPO, check=True, timeout=timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(env: dict[str, str]) -> Iterator[str]:
    """`manage.py serve` on a free port; stopped (its whole process group) on exit."""
    port = free_port()
    server_log = open(Path(env["MAEUL_VAR_DIR"]) / "screenshots-server.log", "ab")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, str(REPO / "manage.py"), "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=REPO,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        yield base
    except Exception:
        server_log.flush()
        tail = Path(server_log.name).read_text(errors="replace").splitlines()[-20:]
        log("server log:\n" + "\n".join(tail))
        raise
    finally:
        stop(process)
        server_log.close()


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up (exit {process.returncode})")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server did not answer within {SERVER_START_TIMEOUT} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


def demo_ids() -> dict[str, int]:
    """The demo objects the pages show, read from the database `load_demo` filled."""
    import django

    django.setup()
    from django.db.models import Count
    from django.utils import timezone

    from maeul.places.models import Dong
    from maeul.proposals.models import Proposal
    from maeul.voting.models import Vote, VoteStatus

    now = timezone.now()
    ids: dict[str, int] = {}
    open_vote = (
        Vote.objects.open_at(now).filter(dong__isnull=True, is_simulation=False).order_by("pk")
    ).first()
    counted = (
        Vote.objects.filter(status=VoteStatus.COUNTED, is_simulation=False)
        .order_by("-closes_at")
        .first()
    )
    answered = (
        Proposal.objects.filter(answer__isnull=False)
        .annotate(photos=Count("attachments"))
        .order_by("-photos", "-support_count", "pk")
        .first()
    )
    waiting = (
        Proposal.objects.filter(published_at__isnull=False, answer__isnull=True)
        .order_by("-support_count", "pk")
        .first()
    )
    # The demo's busiest dong: its council, projects, spaces and camp fill the dong page.
    dong = Dong.objects.filter(name="독산1동").first()
    if dong is not None:
        ids["dong"] = int(dong.code)
    for key, found in [
        ("open_vote", open_vote),
        ("counted_vote", counted),
        ("proposal", answered),
        ("staff_proposal", waiting or answered),
    ]:
        if found is not None:
            ids[key] = found.pk
    return ids


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"could not sign in as {email}")


def first_link(page: Any, base: str, listing: str, pattern: str) -> int | None:
    """The id in the first link of `listing` whose path matches `pattern` (a JS regex)."""
    page.goto(base + listing)
    found: str | None = page.evaluate(
        """(pattern) => {
            const re = new RegExp(pattern);
            const a = [...document.querySelectorAll('main a[href]')]
                .find(a => re.test(new URL(a.href).pathname));
            return a ? new URL(a.href).pathname : null;
        }""",
        pattern,
    )
    return int(found.rstrip("/").rsplit("/", 1)[1]) if found else None


VOTERS = [("김영희", "1958-04-02", [1, 4, 7]), ("박철수", "1971-11-20", [2, 4])]


def open_paper_batch(page: Any, base: str, vote_id: int) -> int:
    """As a dong clerk, open a ballot-box batch of the open vote and enter two ballots."""
    page.goto(f"{base}/staff/votes/{vote_id}/")
    form = page.locator(f"form[action$='/staff/votes/{vote_id}/batches/']")
    form.locator("input[name=label]").fill("독산1동 주민센터 투표함 1")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if "/staff/votes/batches/" not in page.url:
        raise RuntimeError("could not open a paper-ballot batch")
    batch_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    for name, birth_date, picks in VOTERS:
        form = page.locator("main form").filter(has=page.locator("input[name=name]"))
        if form.count() == 0:
            break
        form.locator("input[name=name]").fill(name)
        form.locator("input[name=birth_date]").fill(birth_date)
        boxes = form.locator("input[type=checkbox]")
        for number in picks:
            if number <= boxes.count():
                boxes.nth(number - 1).check()
        with page.expect_navigation():
            form.locator("button[type=submit]").last.click()
        refusal = page.locator("main .message-error")
        if refusal.count():
            log(f"ballot of {name} not entered: {refusal.first.inner_text().strip()}")
    return batch_id


def staff_ids(page: Any, base: str, ids: dict[str, int]) -> None:
    """What a dong clerk works on: their dong's plan, and a batch of the open vote."""
    plan = first_link(page, base, "/staff/plans/", r"^/staff/plans/\d+/$")
    if plan is not None:
        ids["plan"] = plan
    if "open_vote" in ids:
        ids["batch"] = open_paper_batch(page, base, ids["open_vote"])


def capture(page: Any, base: str, path: str, out: Path, width: int) -> None:
    response = page.goto(base + path)
    if response is None or response.status >= 400:
        status = response.status if response else "none"
        raise RuntimeError(f"{path} answered {status}")
    page.evaluate("() => document.fonts.ready")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    height = min(int(page.evaluate("() => document.documentElement.scrollHeight")), MAX_HEIGHT)
    page.screenshot(
        path=str(out),
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
        animations="disabled",
        caret="hide",
    )
    shrink(out)


def shrink(png: Path) -> None:
    """A palette PNG: a third of the size, and the text stays sharp."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


def shoot(base: str, ids: dict[str, int], out: Path, only: set[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    made: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            contexts: dict[tuple[str | None, int], Any] = {}
            for shot in SHOTS:
                if only and shot.name not in only:
                    continue
                key = (shot.account, shot.width)
                if key not in contexts:
                    context = browser.new_context(
                        viewport={"width": shot.width, "height": 800},
                        device_scale_factor=1,
                        locale="ko-KR",
                        timezone_id="Asia/Seoul",
                        reduced_motion="reduce",
                        service_workers="block",
                    )
                    context.set_default_timeout(PAGE_TIMEOUT_MS)
                    page = context.new_page()
                    if shot.account:
                        sign_in(page, base, shot.account)
                    if shot.account == DONG:
                        staff_ids(page, base, ids)
                    contexts[key] = page
                page = contexts[key]
                missing = [need for need in shot.needs if need not in ids]
                if missing:
                    log(f"skipped {shot.name}: the demo has no {', '.join(missing)}")
                    continue
                target = out / f"{shot.name}.png"
                capture(page, base, shot.path(ids), target, shot.width)
                log(f"{target} ({target.stat().st_size // 1024} KB)")
                made.append(shot.name)
        finally:
            browser.close()
    return made


def out_of_time(signum: int, frame: object) -> None:
    raise TimeoutError("screenshots: out of time; the server is stopped on the way out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="*", default=[], help="names of the shots to take")
    parser.add_argument("--var", type=Path, help="reuse this MAEUL_VAR_DIR (already loaded)")
    parser.add_argument("--timeout", type=int, default=TOTAL_TIMEOUT, help="seconds in all")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.timeout)
    if not CHROMIUM.exists():
        log(f"{CHROMIUM} is missing: apt-get install chromium")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="maeul-screenshots-") as temporary:
        var = args.var or Path(temporary)
        env = {**os.environ, "MAEUL_VAR_DIR": str(var), "MAEUL_DEBUG": "0"}
        os.environ.update({"MAEUL_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "maeul.settings"})
        sys.path.insert(0, str(REPO))
        if args.var is None:
            log(f"migrating a new database in {var}")
            manage(env, "migrate", "--no-input", "-v", "0")
            log("loading the demo data")
            manage(env, "load_demo")
        ids = demo_ids()
        with server(env) as base:
            log(f"server at {base}")
            made = shoot(base, ids, args.out, set(args.only))
    log(f"{len(made)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
