"""Polite async HTTP: conditional requests, one request at a time per host with a minimum
delay, timeouts, retries with exponential back-off, a size limit. Never raises for a
bad response: every failure comes back as a ``Fetched`` with ``error`` set."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from marsad.live.sources import Fetch

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Fetched:
    url: str
    status: int | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None
    final_url: str | None = None
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class TooLarge(Exception):
    pass


class Fetcher:
    def __init__(self, config: Fetch) -> None:
        self.config = config
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=True,
            max_redirects=config.max_redirects,
            headers={"User-Agent": config.user_agent},
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.config.backoff
        result = Fetched(url)
        for attempt in range(self.config.retries + 1):
            result = await self._polite(url, headers)
            retry = result.status in RETRY_STATUS or (
                result.status is None
                and "too large" not in (result.error or "")
                and "redirects" not in (result.error or "")
            )
            if not retry or attempt == self.config.retries:
                break
            await asyncio.sleep(delay)
            delay *= 2
        return result

    async def _polite(self, url: str, headers: dict[str, str]) -> Fetched:
        host = urlsplit(url).netloc
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            wait = self._last.get(host, 0.0) + self.config.min_delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await asyncio.wait_for(self._once(url, headers), self.config.timeout * 2)
            except TimeoutError:
                return Fetched(url, error=f"timeout after {self.config.timeout * 2:.0f} s")
            finally:
                self._last[host] = time.monotonic()

    async def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            async with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.config.max_bytes:
                    raise TooLarge(declared)
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > self.config.max_bytes:
                        raise TooLarge(str(size))
                    chunks.append(chunk)
        except TooLarge as exc:
            return Fetched(url, error=f"too large: over {self.config.max_bytes} bytes ({exc})")
        except httpx.TooManyRedirects:
            return Fetched(url, error=f"too many redirects (over {self.config.max_redirects})")
        except httpx.TimeoutException:
            return Fetched(url, error=f"timeout after {self.config.timeout:.0f} s")
        except httpx.HTTPError as exc:
            return Fetched(url, error=f"{type(exc).__name__}: {exc}"[:300])
        result = Fetched(
            url,
            status=response.status_code,
            body=b"".join(chunks),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            charset=response.charset_encoding,
            final_url=str(response.url),
        )
        if response.status_code >= 400:
            result.error = f"HTTP {response.status_code}"
        return result
