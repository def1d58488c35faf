"""Which proxy a request goes through, and how to log in to it.

``[fetch] proxy = "http://user:pass@proxy:3128"`` sends every request through that proxy,
except to the hosts of ``[fetch] no_proxy``; ``proxy = false`` sends none through a proxy.
Without the key the environment decides, as curl, requests and Scrapy's
HttpProxyMiddleware read it: ``http_proxy`` / ``https_proxy`` / ``all_proxy`` (either case;
``urllib.request.getproxies``), with ``no_proxy`` naming hosts, ``.domain`` suffixes,
``*``, and (as requests does) IP ranges in CIDR form.

urllib3 sends https through a CONNECT tunnel and http as a forwarded request. It does not
read credentials from a proxy URL, so they become a ``Proxy-Authorization`` header, and the
URL urllib3 keeps (and may put in an error message) has none. :meth:`Proxies.secrets` lists
them for redaction.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies, proxy_bypass_environment  # type: ignore[attr-defined]

from urllib3.util import make_headers

from ..errors import UsageError

PROXY_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Proxy:
    url: str  # without credentials
    headers: dict[str, str]  # Proxy-Authorization, when the URL had credentials


def parse_proxy(url: str) -> tuple[Proxy, tuple[str, ...]]:
    """A proxy URL as (URL without credentials, login header) and the secrets it held."""
    text = url.strip() if "//" in url else f"http://{url.strip()}"  # "proxy:3128", as curl
    parts = urlsplit(text)
    if parts.scheme not in PROXY_SCHEMES or not parts.hostname:
        raise ValueError(f"not an http(s) proxy URL: {parts.scheme}://{parts.hostname or ''}")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    headers: dict[str, str] = {}
    secrets: tuple[str, ...] = ()
    if parts.username is not None:
        login = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        headers = make_headers(proxy_basic_auth=login)
        secrets = tuple(s for s in (parts.password, unquote(parts.password or "")) if s)
        secrets += (headers["proxy-authorization"].split(" ", 1)[1],)
    return Proxy(f"{parts.scheme}://{netloc}", headers), secrets


def _bypassed(host: str, port: int | None, no_proxy: str) -> bool:
    if not no_proxy:
        return False
    if proxy_bypass_environment(f"{host}:{port}" if port else host, {"no": no_proxy}):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    for entry in no_proxy.split(","):
        try:
            if ip in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


class Proxies:
    def __init__(self, proxy: str | bool | None = None, no_proxy: list[str] | None = None) -> None:
        self._by_scheme: dict[str, Proxy] = {}
        self._secrets: list[str] = []
        if proxy is False or proxy == "":
            self._no_proxy = ""
            return
        chosen: dict[str, str | None]
        if isinstance(proxy, str):
            chosen = {"http": proxy, "https": proxy}
            self._no_proxy = ",".join(no_proxy or [])
        else:
            found = getproxies()  # the environment, lower case first (CVE-2016-1000110)
            fallback = found.get("all")
            chosen = {s: found.get(s) or fallback for s in ("http", "https")}
            self._no_proxy = found.get("no", "")
        for scheme, url in chosen.items():
            if not url:
                continue
            try:
                self._by_scheme[scheme], secrets = parse_proxy(url)
            except ValueError as exc:  # the spec's is checked by its schema; this one is not
                raise UsageError(
                    f"the {scheme}_proxy (or all_proxy) environment variable: {exc}; set "
                    "[fetch] proxy to an http(s) proxy, or proxy = false to use none"
                ) from None
            self._secrets += secrets

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(self._secrets)

    def __bool__(self) -> bool:
        return bool(self._by_scheme)

    def for_url(self, url: str) -> Proxy | None:
        """The proxy for ``url``, or None to connect directly."""
        if not self._by_scheme:
            return None
        parts = urlsplit(url)
        proxy = self._by_scheme.get(parts.scheme)
        if proxy is None or _bypassed((parts.hostname or "").lower(), parts.port, self._no_proxy):
            return None
        return proxy
