"""The load of the soak: paced streams of requests, each recording what it was told.

A stream has a target rate and a few client threads; slot k is due k / rate seconds after
the stream starts, and a thread that falls behind sends at once (so the achieved rate is
what the server sustained, reported beside the target). Import after `django.setup()`.
"""

import http.client
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bench.ballot_fixtures import Ledger, ballot_path, choose, receipt_of
from bench.bare_insert.server import HOST, Reply, request

IDEMPOTENCY_HEADER = "Idempotency-Key"
LATE_GRACE = 5.0  # seconds past its window a stream may still send what it fell behind on
RETRIES = 12  # a ballot whose connection breaks is sent again, with the same key


@dataclass
class Record:
    at: float  # seconds since the soak started
    ms: float
    status: int  # 0: the connection failed


@dataclass
class Stream:
    name: str
    rate: float  # target requests per second
    threads: int
    job: Callable[[int], list[Record]]
    records: list[Record] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    not_sent: int = 0  # slots skipped because the clients fell too far behind
    stop: threading.Event = field(default_factory=threading.Event)  # set: send no more

    def run(self, *, start: float, begin: float, seconds: float) -> threading.Thread:
        """Run for `seconds` from `begin` (seconds after `start`), in a background thread."""
        total = max(1, int(self.rate * seconds))
        slots = iter(range(total))
        slot_lock = threading.Lock()
        stop_sending = start + begin + seconds + LATE_GRACE

        def client() -> None:
            while True:
                with slot_lock:
                    k = next(slots, None)
                if k is None:
                    return
                if time.monotonic() > stop_sending:
                    with slot_lock:
                        self.not_sent += 1 + sum(1 for _ in slots)
                    return
                due = start + begin + k / self.rate
                delay = due - time.monotonic()
                if self.stop.wait(max(0.0, delay)):
                    return
                done = self.job(k)
                with self.lock:
                    self.records.extend(done)

        threads = [threading.Thread(target=client, daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()

        def join_all() -> None:
            for thread in threads:
                thread.join()

        waiter = threading.Thread(target=join_all, daemon=True)
        waiter.start()
        return waiter


class Clock:
    def __init__(self) -> None:
        self.start = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self.start


def timed(clock: Clock, call: Callable[[], Reply]) -> tuple[Record, Reply | None]:
    started = clock.now()
    try:
        reply = call()
    except (OSError, http.client.HTTPException):  # refused, reset, or cut mid-answer
        return Record(started, (clock.now() - started) * 1000, 0), None
    return Record(started, reply.ms, reply.status), reply


class Voters:
    """Hands out voter indices and records what each voter was finally told."""

    def __init__(self, *, vote_id: int, options: list[int], tokens: list[str]) -> None:
        self.vote_id, self.options, self.tokens = vote_id, options, tokens
        self.ledger = Ledger()
        self.unanswered: list[int] = []
        self.retried = 0
        self._next = 0
        self._lock = threading.Lock()

    def take(self) -> int:
        with self._lock:
            index = self._next
            self._next += 1
        if index >= len(self.tokens):
            raise SystemExit("the soak ran out of prepared voters: raise VOTER_MARGIN")
        return index

    def cast(self, clock: Clock, ports: list[int]) -> list[Record]:
        """One voter's ballot, sent again with the same key until the server answers."""
        index = self.take()
        sent, content = choose(index, self.options)
        headers = {IDEMPOTENCY_HEADER: f"soak-{index}"}
        records: list[Record] = []
        for attempt in range(RETRIES):
            port = ports[(index + attempt) % len(ports)]
            record, reply = timed(
                clock,
                lambda port=port: request(  # type: ignore[misc]
                    "POST",
                    ballot_path(self.vote_id),
                    port,
                    token=self.tokens[index],
                    payload={"options": sent},
                    headers=headers,
                ),
            )
            records.append(record)
            if reply is not None and reply.status < 500:
                self._judge(index, reply, content)
                return records
            with self._lock:
                self.retried += 1
            time.sleep(min(0.2 * 2**attempt, 3.0))
        with self._lock:
            self.unanswered.append(index)
        return records

    def _judge(self, index: int, reply: Reply, content: str) -> None:
        receipt = receipt_of(reply)
        with self.ledger.lock:
            if 200 <= reply.status < 300 and receipt:
                self.ledger.receipts[index] = receipt
                self.ledger.contents[index] = content
                self.ledger.outcomes["stored" if reply.status == 201 else "retry_found"] += 1
            else:
                self.ledger.outcomes[f"refused_{reply.status}"] += 1
                if len(self.ledger.surprises) < 10:
                    self.ledger.surprises.append(
                        f"voter {index}: {reply.status} {reply.body[:200]!r}"
                    )


# --- Plain HTTP with cookies, for the forms of the flood ------------------------------


def form_request(
    method: str, path: str, port: int, *, cookies: dict[str, str], form: dict[str, str] | None
) -> tuple[int, str, dict[str, str]]:
    """(status, body, cookies set) of one request carrying `cookies` (and a form body)."""
    body = urlencode(form or {}).encode()
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://{HOST}:{port}{path}",
    }
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body if method == "POST" else None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        set_cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                set_cookies[key] = rest.split(";", 1)[0]
        return response.status, text, set_cookies
    finally:
        conn.close()


def csrf_form(path: str, port: int, cookies: dict[str, str]) -> dict[str, str]:
    """Open the form at `path`; return cookies with csrftoken and the form's token."""
    status, text, set_cookies = form_request("GET", path, port, cookies=cookies, form=None)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    if not found:
        raise RuntimeError(f"no form on {path}: {status} {text[:300]!r}")
    return {**cookies, **set_cookies, "_token": found.group(1)}


@dataclass
class Flood:
    """Sign-up and phone-code requests from one address, as a script would send them."""

    signup_path: str
    otp_path: str
    signup: dict[str, str]
    otp: dict[str, str]
    statuses: Counter[str] = field(default_factory=Counter)

    @classmethod
    def open(cls, port: int, *, session: str, signup_path: str, otp_path: str) -> "Flood":
        return cls(
            signup_path,
            otp_path,
            csrf_form(signup_path, port, {}),
            csrf_form(otp_path, port, {"sessionid": session}),
        )

    def send(self, clock: Clock, port: int, k: int) -> list[Record]:
        if k % 2:
            state, path = self.otp, self.otp_path
            form = {
                "name": "김마을",
                "birth_date": "1980-01-01",
                "phone": "010-5555-0101",
            }
        else:
            state, path = self.signup, self.signup_path
            form = {
                "email": f"flood{k}@bench.maeul.kr",
                "password1": "a long bench password 1",
                "password2": "a long bench password 1",
            }
        cookies = {key: value for key, value in state.items() if key != "_token"}
        form["csrfmiddlewaretoken"] = state["_token"]
        started = clock.now()
        try:
            status, _text, _set = form_request("POST", path, port, cookies=cookies, form=form)
        except (OSError, http.client.HTTPException):
            status = 0
        return [Record(started, (clock.now() - started) * 1000, status)]


def reader(clock: Clock, ports: list[int], paths: list[str]) -> Callable[[int], list[Record]]:
    def read(k: int) -> list[Record]:
        path, port = paths[k % len(paths)], ports[k % len(ports)]
        record, _reply = timed(clock, lambda: request("GET", path, port))
        return [record]

    return read


def percentiles(records: list[Record]) -> dict[str, Any]:
    ordered = sorted(r.ms for r in records)
    if not ordered:
        return {"requests": 0}

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))], 1)

    return {
        "requests": len(ordered),
        "p50_ms": at(0.50),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1], 1),
        "statuses": {str(k): v for k, v in sorted(Counter(r.status for r in records).items())},
    }


def summary(
    stream: Stream, seconds: float, windows: dict[str, tuple[float, float]]
) -> dict[str, Any]:
    figures = {
        "target_rps": round(stream.rate, 1),
        "achieved_rps": round(len(stream.records) / seconds, 1) if seconds else 0.0,
        "not_sent_clients_behind": stream.not_sent,
        **percentiles(stream.records),
        "errors_5xx_or_broken": sum(1 for r in stream.records if r.status == 0 or r.status >= 500),
    }
    for name, (begin, end) in windows.items():
        inside = [r for r in stream.records if begin <= r.at < end]
        if inside:
            figures[f"during_{name}"] = percentiles(inside)
    return figures
