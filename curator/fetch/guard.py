"""The guard against server-side request forgery: a public page, a feed or a redirect must
not lead the crawler to 127.0.0.1, 169.254.169.254 (cloud metadata) or an intranet host.

Hosts the spec names (its sources' URLs, ``[fetch.hosts]``, mirrors) are trusted: the user
chose them. Any other host, reached by a link, a listing or a redirect, is refused when its
address is loopback, link-local, private or otherwise not public (``ipaddress``'s
``is_global``, IPv4-mapped IPv6 read as IPv4, as trafilatura's SSRF protection does), unless
``[fetch] allow_private_networks = true``.

Checked twice: here, before robots.txt or the page is asked for (the host is resolved), and
by the transport on the connection itself, against the address it connected to, so a name
that resolves to a public address here and to a private one a moment later (DNS rebinding)
is refused too. Through a proxy only the first check can be made: the proxy connects, and a
host that does not resolve here is left to it.

A fetcher no spec configured (``Fetcher()``, :func:`curator.extract`) trusts the hosts its
caller asks for, and guards the redirects and links from them.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from .models import FetchResult, Handler, Request

PRIVATE_REFUSED = "private network refused"


def address_kind(address: str) -> str | None:
    """None for a public address, else what it is: loopback, link-local, private, non-public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone id
    except ValueError:
        return None
    ip = getattr(ip, "ipv4_mapped", None) or ip
    if ip.is_global:
        return None
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    return "private" if ip.is_private else "non-public"


def hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


class PrivateAddress(Exception):
    """A connection (or a resolved name) that the guard refuses."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(host, address, kind)
        self.host, self.address, self.kind = host, address, kind

    def reason(self) -> str:
        at = "" if self.address == self.host else f" is at {self.address},"
        return (
            f"{PRIVATE_REFUSED} ({self.host}):{at} a {self.kind} address, and the spec does "
            "not name the host ([fetch] allow_private_networks = true fetches it)"
        )


def refused(url: str, exc: PrivateAddress) -> FetchResult:
    return FetchResult(url, error=exc.reason())


def resolve_check(host: str, port: int | None) -> None:
    """Raise :class:`PrivateAddress` when ``host`` is, or resolves to, a non-public address;
    a name that does not resolve passes (the connection fails, or a proxy resolves it)."""
    kind = address_kind(host)
    if kind:
        raise PrivateAddress(host, host, kind)
    try:
        infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        kind = address_kind(address)
        if kind:
            raise PrivateAddress(host, address, kind)


class Guard:
    """The middleware: trusted hosts pass; others are resolved and checked, and marked
    ``guarded`` so the transport checks the address it connects to."""

    def __init__(self, allow_private: bool = False) -> None:
        self.allow_private = allow_private
        self.trust_callers = True  # until a spec says which hosts it names (trust_only)
        self._trusted: set[str] = set()
        self._lock = threading.Lock()

    def trust(self, hosts_or_urls: Iterable[str]) -> None:
        """Trust these hosts (or the hosts of these URLs) too."""
        names = {_host_of(item) for item in hosts_or_urls}
        with self._lock:
            self._trusted |= {name for name in names if name}

    def trust_only(self, hosts_or_urls: Iterable[str]) -> None:
        """Trust these hosts and no other: the hosts a spec names."""
        with self._lock:
            self.trust_callers = False
            self._trusted = set()
        self.trust(hosts_or_urls)

    def named(self, url: str) -> None:
        """``url`` was asked for by the fetcher's caller: trusted when no spec said otherwise."""
        if self.trust_callers:
            self.trust([url])

    def trusts(self, url: str) -> bool:
        return self.allow_private or hostname(url).lower() in self._trusted

    def __call__(self, request: Request, call_next: Handler) -> FetchResult:
        if self.trusts(request.url):
            return call_next(request)
        host = hostname(request.url)
        try:
            resolve_check(host, urlsplit(request.url).port)
        except PrivateAddress as exc:
            return refused(request.url, exc)
        except ValueError:  # a bad port: the transport says so
            pass
        return call_next(replace(request, guarded=True))


def _host_of(item: str) -> str:
    return hostname(item if "//" in item else f"//{item}").lower()
