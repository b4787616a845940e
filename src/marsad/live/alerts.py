"""Alert rules: each matching cluster is sent once, and again when its toll or its
source count rises; to a webhook (JSON POST, HMAC-SHA256 signature header, retries)
and/or stdout as JSON Lines. A cluster is recorded as sent only once every sink took it,
so a webhook that is down gets the alert on a later pass."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import sys
import time
from typing import IO, Any

import httpx

from marsad.live.sources import Alerts, Webhook
from marsad.live.state import record_alert, sent_alerts
from marsad.store.store import Store

SIGNATURE_HEADER = "X-Marsad-Signature"  # "sha256=" + hex HMAC of the raw body


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def signature(secret: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def payload(rule: str, kind: str, cluster: dict[str, Any]) -> bytes:
    doc = {"alert": kind, "rule": rule, "cluster": cluster}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, default=_json_default).encode(
        "utf-8"
    )


def post_webhook(hook: Webhook, body: bytes, *, log: IO[str] = sys.stderr) -> bool:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    secret = os.environ.get(hook.secret_env) if hook.secret_env else None
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret.encode("utf-8"), body)
    delay = 0.5
    for attempt in range(hook.retries + 1):
        try:
            response = httpx.post(hook.url, content=body, headers=headers, timeout=10.0)
            if response.status_code < 300:
                return True
            why = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            why = f"{type(exc).__name__}: {exc}"
        print(f"watch: webhook {hook.url}: {why} (attempt {attempt + 1})", file=log)
        if attempt < hook.retries:
            time.sleep(delay)
            delay *= 2
    return False


def _rose(before: int | None, now: int | None) -> bool:
    return (now or 0) > (before or 0)


def send_alerts(
    store: Store, config: Alerts, *, out: IO[str] = sys.stdout, log: IO[str] = sys.stderr
) -> int:
    """Send what is new since the last pass; the number of alerts sent."""
    sent = 0
    for rule in config.rules:
        # A cluster's id changes when a report joins it, so what was sent is remembered
        # by the reports (event ids) it held: a cluster holding any of them was sent.
        already = sent_alerts(store, rule.name)
        for cluster in store.clusters(**rule.filters()):
            members = list(cluster.get("event_ids") or [cluster["cluster_id"]])
            toll, count = cluster.get("fatalities"), cluster.get("source_count")
            seen = [already[m] for m in members if m in already]
            if seen:
                before_toll = max((t or 0 for t, _ in seen), default=0)
                before_count = max((c or 0 for _, c in seen), default=0)
                if not (_rose(before_toll, toll) or _rose(before_count, count)):
                    continue
                kind = "update"
            else:
                kind = "new"
            body = payload(rule.name, kind, cluster)
            if config.webhook is not None and not post_webhook(config.webhook, body, log=log):
                continue
            if config.stdout:
                out.write(body.decode("utf-8") + "\n")
                out.flush()
            for member in members:
                record_alert(store, rule.name, member, toll, count)
            sent += 1
    return sent
