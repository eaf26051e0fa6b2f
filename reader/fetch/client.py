"""The one HTTP client zhpaper uses: polite, patient, cached, resumable.

* connect and read timeouts; retries with exponential backoff on timeouts,
  dropped connections and 5xx/429 answers (never on 404 or other 4xx);
* at most ``rate`` requests a second per host (2 by default), redirect hops
  included;
* a User-Agent that names zhpaper;
* redirects followed hop by hop (at most ``MAX_REDIRECTS``); callers keep the
  URL they linked, the final URL is reported beside it;
* conditional requests (``If-None-Match``/``If-Modified-Since``) against an
  on-disk cache, so an unchanged page costs a 304 and no body;
* a body cut off halfway is kept and the next try asks for the rest with
  ``Range``/``If-Range`` (a server that ignores it simply sends everything).

Tests and benchmarks pass their own timeouts, backoff and rate; the network
code itself is never mocked.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import httpx

from reader import __version__
from reader.fetch.cache import CacheEntry, HttpCache
from reader.fetch.decode import UndecodablePage, decode_page

USER_AGENT = (
    f"zhpaper/{__version__} (terminal newspaper reader; +https://pypi.org/project/zhpaper/)"
)
#: Requests a second per host, by default.
DEFAULT_RATE = 2.0
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=20.0, write=10.0, pool=10.0)
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
MAX_REDIRECTS = 10
#: Larger answers are refused: no newspaper page is this big.
MAX_BODY_BYTES = 20 * 1024 * 1024
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Content types that are never a web page or a feed.
_NOT_TEXT = ("image/", "audio/", "video/", "font/")
_NOT_TEXT_TYPES = frozenset(
    {"application/pdf", "application/zip", "application/octet-stream", "application/gzip"}
)
#: The longest ``Retry-After`` (seconds) honoured; a server asking for more gets a failure.
MAX_RETRY_AFTER = 60.0


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is one line for the user."""

    def __init__(
        self, url: str, reason: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.retry_after = retry_after  # what a 429/503 answer asked for, in seconds


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched document."""

    url: str  # as requested (as linked)
    final_url: str  # after redirects: relative links resolve against this
    content: bytes
    content_type: str | None
    from_cache: bool  # the server said 304: the cached body is current
    transferred: int  # body bytes that crossed the network for this document

    def text(self) -> str:
        """The body decoded by :func:`reader.fetch.decode.decode_page`.

        A body the server labels as something other than text (a PDF, an image)
        is refused before decoding: no parser is ever handed one.
        """
        kind = (self.content_type or "").split(";")[0].strip().lower()
        if kind.startswith(_NOT_TEXT) or kind in _NOT_TEXT_TYPES:
            raise FetchError(self.url, f"not a web page ({kind})")
        try:
            return decode_page(self.content, self.content_type)[0]
        except UndecodablePage as problem:
            raise FetchError(self.url, f"cannot decode: {problem}") from None


@dataclass
class FetchStats:
    """What the client did, for summaries and the benchmark."""

    requests: int = 0
    bytes_received: int = 0
    not_modified: int = 0
    retries: int = 0
    resumed: int = 0
    hosts: set[str] = field(default_factory=set)


class _RateLimiter:
    """At most ``rate`` request starts a second for each host."""

    def __init__(self, rate: float, clock: Callable[[], float], sleep: Callable[[float], None]):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.next_start: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, host: str) -> None:
        if not self.interval:
            return
        with self.lock:
            now = self.clock()
            start = max(now, self.next_start.get(host, now))
            self.next_start[host] = start + self.interval
        if start > now:
            self.sleep(start - now)


class _Cut(Exception):
    """The body stopped arriving halfway (timeout or dropped connection)."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc.lower()


def _describe(error: Exception) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(error, httpx.TimeoutException):
        return "timed out waiting for the server"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({error or 'refused'})"
    return f"connection failed ({type(error).__name__}: {error})".replace("\n", " ")


class Client:
    """An httpx client with zhpaper's manners. Use as a context manager or ``close()``."""

    def __init__(
        self,
        *,
        cache_dir: Path | None = None,
        rate: float = DEFAULT_RATE,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        user_agent: str = USER_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = HttpCache(cache_dir) if cache_dir is not None else None
        self.retries = max(1, retries)
        self.backoff = backoff
        self.sleep = sleep
        self.stats = FetchStats()
        self._limiter = _RateLimiter(rate, clock, sleep)
        self._http = httpx.Client(
            timeout=timeout,
            follow_redirects=False,  # hop by hop, so every hop is rate-limited
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` (following redirects); raises :class:`FetchError`."""
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        cached = self.cache.get(url) if self.cache else None
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            result = self._with_retries(url, current, cached)
            if isinstance(result, Fetched):
                return result
            current = result  # a redirect: the next hop
        raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")

    def _with_retries(
        self, url: str, current: str, cached: tuple[CacheEntry, bytes] | None
    ) -> Fetched | str:
        last = ""
        asked: float | None = None
        for attempt in range(self.retries):
            if attempt:
                self.stats.retries += 1
                pause = self.backoff * 2 ** (attempt - 1)
                self.sleep(max(pause, asked) if asked is not None else pause)
            try:
                return self._once(url, current, cached)
            except FetchError as error:
                if error.status not in _RETRY_STATUSES:
                    raise
                if error.retry_after is not None and error.retry_after > MAX_RETRY_AFTER:
                    raise FetchError(
                        url, f"{error.reason}; the server asks to come back later", error.status
                    ) from None
                last, asked = error.reason, error.retry_after
            except _Cut as cut:
                last = f"{_describe(cut.cause)} (download cut off)"
            except httpx.TransportError as error:
                last = _describe(error)
        tries = f"{self.retries} tries" if self.retries > 1 else "1 try"
        raise FetchError(url, f"{last}; gave up after {tries}")

    def _once(
        self, url: str, current: str, cached: tuple[CacheEntry, bytes] | None
    ) -> Fetched | str:
        headers: dict[str, str] = {}
        if cached is not None and cached[0].final_url == current:
            entry = cached[0]
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        partial = self.cache.partial(url) if self.cache and current == url else None
        if partial is not None:
            validator = partial[0].etag or partial[0].last_modified
            if validator:
                headers["Range"] = f"bytes={len(partial[1])}-"
                headers["If-Range"] = validator
        self._limiter.wait(_host(current))
        self.stats.requests += 1
        self.stats.hosts.add(_host(current))
        with self._http.stream("GET", current, headers=headers) as response:
            status = response.status_code
            if 300 <= status < 400 and status != 304:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {status} without a Location", status)
                return urllib.parse.urljoin(current, location.strip())
            if status == 304:
                if cached is None:
                    raise FetchError(url, "HTTP 304 for a page not in the cache", status)
                self.stats.not_modified += 1
                entry, body = cached
                return Fetched(url, entry.final_url, body, entry.content_type, True, 0)
            if status >= 400:
                phrase = response.reason_phrase or ""
                wait = response.headers.get("retry-after", "").strip()
                retry_after = float(wait) if wait.isdigit() else None
                raise FetchError(url, f"HTTP {status} {phrase}".strip(), status, retry_after)
            entry = CacheEntry(
                url=url,
                final_url=current,
                content_type=response.headers.get("content-type"),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
            prefix = b""
            if status == 206 and partial is not None:
                prefix = partial[1]
                self.stats.resumed += 1
            elif partial is not None and self.cache:
                self.cache.drop_partial(url)  # the server sent it all again
            body = self._read_body(url, response, entry, prefix)
        if self.cache is not None and (entry.etag or entry.last_modified):
            self.cache.put(entry, body)
        return Fetched(url, current, body, entry.content_type, False, len(body) - len(prefix))

    def _read_body(
        self, url: str, response: httpx.Response, entry: CacheEntry, prefix: bytes
    ) -> bytes:
        chunks = [prefix]
        size = len(prefix)
        counted = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                # Bytes on the wire (compressed), not the decoded size.
                self.stats.bytes_received += response.num_bytes_downloaded - counted
                counted = response.num_bytes_downloaded
                if size > MAX_BODY_BYTES:
                    raise FetchError(url, f"larger than {MAX_BODY_BYTES // 2**20} MB, refused")
                chunks.append(chunk)
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as error:
            got = b"".join(chunks)
            headers = response.headers
            resumable = (
                (entry.etag or entry.last_modified)
                and headers.get("accept-ranges", "").lower() == "bytes"
                and not headers.get("content-encoding")  # ranges would count encoded bytes
            )
            if self.cache is not None and resumable and got:
                self.cache.put_partial(entry, got)
            raise _Cut(error) from None
        return b"".join(chunks)


__all__ = [
    "DEFAULT_RATE",
    "USER_AGENT",
    "Client",
    "FetchError",
    "FetchStats",
    "Fetched",
]
