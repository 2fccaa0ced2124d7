"""SSRF guard for integrator-supplied webhook URLs.

An integrator chooses the URL our servers POST to, so without a guard they could make us call
our own admin ports, the cloud metadata service or anything else on the private network. The
guard has three steps:

1. ``parse_webhook_url`` accepts only plain http(s) URLs with a well-formed host and no
   credentials.
2. ``resolve_target`` resolves the host and refuses it if ANY of its addresses is not public.
3. ``build_pinned_request`` / ``send_pinned`` connect to the address that was checked, never to
   a fresh DNS answer, so a name cannot resolve to a public address for the check and to a
   private one for the connection (DNS rebinding). Redirects are never followed: a 3xx is a
   failed delivery, not a new, unchecked URL to call. ``PinnedClients`` keeps connections alive
   only per host and checked address, so reusing one never skips a check.

Clients passed in here should be made with ``trust_env=False`` (no proxy settings from the
environment) and HTTP/1.1 only (the default; ``http2=False``).
"""

import asyncio
import contextlib
import ipaddress
import re
import socket
import string
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from app.kit.tracing import instrument_http_client

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Iterable[str]]]
"""Resolves (host, port) to address strings; raises OSError (e.g. socket.gaierror) on failure."""

MAX_URL_LENGTH = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_HOSTNAME_LENGTH = 253
_HOSTNAME_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_FORBIDDEN_URL_CHARACTERS = re.compile(r"[\x00-\x20\x7f]")
_ONLY_PUBLIC = "only public addresses may receive webhooks"
_NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")

_PRIVATE = "a private (RFC 1918) address"
_DOCUMENTATION = "a documentation address"
# Checked in order, so a specific entry must come before the wider network that contains it.
_REFUSED_NETWORKS = tuple(
    (ipaddress.ip_network(network), reason)
    for network, reason in (
        ("0.0.0.0/32", "the unspecified address"),
        ("0.0.0.0/8", "a 'this network' (0.0.0.0/8) address"),
        ("10.0.0.0/8", _PRIVATE),
        ("100.64.0.0/10", "a carrier-grade NAT (RFC 6598) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.169.254/32", "the cloud metadata service address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", _PRIVATE),
        ("192.0.0.0/24", "an IETF protocol assignment address"),
        ("192.0.2.0/24", _DOCUMENTATION),
        ("192.88.99.0/24", "a deprecated 6to4 relay anycast address"),
        ("192.168.0.0/16", _PRIVATE),
        ("198.18.0.0/15", "a benchmarking address"),
        ("198.51.100.0/24", _DOCUMENTATION),
        ("203.0.113.0/24", _DOCUMENTATION),
        ("224.0.0.0/4", "a multicast address"),
        ("255.255.255.255/32", "the broadcast address"),
        ("240.0.0.0/4", "a reserved address"),
        ("::/128", "the unspecified address"),
        ("::1/128", "a loopback address"),
        ("::/96", "a deprecated IPv4-compatible address"),
        ("64:ff9b:1::/48", "a local-use NAT64 address"),
        ("100::/64", "a discard-only address"),
        ("2001::/32", "a Teredo tunnelling address"),
        ("2001:2::/48", "a benchmarking address"),
        ("2001:10::/28", "a deprecated ORCHID address"),
        ("2001:db8::/32", _DOCUMENTATION),
        ("3fff::/20", _DOCUMENTATION),
        ("fd00:ec2::254/128", "the cloud metadata service address"),
        ("fc00::/7", "a unique local (private) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a deprecated site-local address"),
        ("ff00::/8", "a multicast address"),
    )
)


class UnsafeURLError(ValueError):
    """The webhook URL is refused; the message says why, in words an integrator understands."""


class UnresolvableHostError(UnsafeURLError):
    """The host did not resolve. Unlike other refusals this may be temporary, so retry it."""


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    scheme: str
    host: str
    """Lower-case ASCII host name (IDNA-encoded), or an IP literal (IPv6 without brackets)."""
    port: int
    path_and_query: str

    @property
    def host_header(self) -> str:
        """The Host header value: host, bracketed if IPv6, with the port unless it is default."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == DEFAULT_PORTS[self.scheme]:
            return host
        return f"{host}:{self.port}"


def parse_webhook_url(url: str) -> WebhookTarget:
    """Check a webhook URL's syntax: http(s) only, a well-formed host, no credentials."""
    _check_url_text(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeURLError(f"webhook URL is malformed: {error}") from error
    scheme = parts.scheme
    if scheme not in DEFAULT_PORTS:
        raise UnsafeURLError(f"webhook URL scheme must be http or https, not {scheme!r}")
    if "@" in parts.netloc:
        raise UnsafeURLError("webhook URL must not contain credentials (user:password@)")
    host = _normalise_host(parts.netloc, parts.hostname)
    if port == 0:
        raise UnsafeURLError("webhook URL port must be between 1 and 65535")
    path = parts.path or "/"
    path_and_query = f"{path}?{parts.query}" if parts.query else path
    return WebhookTarget(scheme, host, port or DEFAULT_PORTS[scheme], path_and_query)


def is_public_address(ip: IPAddress) -> bool:
    """Whether ip is a globally routable unicast address that is safe to call."""
    return non_public_reason(ip) is None


def non_public_reason(ip: IPAddress) -> str | None:
    """Why ip must not be called, as a noun phrase ("a loopback address"); None if public."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            kind, ipv4 = embedded
            reason = non_public_reason(ipv4)
            return None if reason is None else f"{kind} of {ipv4}, {reason}"
    for network, reason in _REFUSED_NETWORKS:
        if ip in network:
            return reason
    if _has_special_purpose_flag(ip):
        return "a special-purpose address that is not publicly routable"
    return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address host denotes, if it is an IP literal in any form a resolver would accept.

    Besides the canonical forms this covers the legacy inet_aton ones ("2130706433",
    "0x7f000001", "0177.0.0.1", "127.1"), so refusing them never depends on the resolver.
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return _parse_inet_aton(host)


async def system_resolver(host: str, port: int) -> list[str]:
    """Every A/AAAA address of host, from getaddrinfo run off the event loop."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(sockaddr[0]) for *_, sockaddr in infos]


async def resolve_target(
    target: WebhookTarget, *, allow_private: bool, resolver: Resolver | None = None
) -> list[IPAddress]:
    """The addresses target.host resolves to, all checked to be public unless allow_private.

    Raises UnsafeURLError if ANY address is not public: a name with one private address among
    public ones could be steered to the private one. IP literals are checked without resolving.
    """
    addresses = await _addresses_of(target, allow_private, resolver or system_resolver)
    if not allow_private:
        for address in addresses:
            reason = non_public_reason(address)
            if reason is not None:
                raise UnsafeURLError(_refusal_message(target.host, address, reason))
    return addresses


def pinned_url(target: WebhookTarget, address: IPAddress) -> httpx.URL:
    """target's URL with the host replaced by the checked address."""
    ip = _without_zone(address)
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    url = httpx.URL(f"{target.scheme}://{host}:{target.port}{target.path_and_query}")
    # Defence in depth: the path comes from the integrator and must not be able to move the host.
    if url.host != str(ip):
        raise UnsafeURLError(f"webhook URL path {target.path_and_query!r} changes the host")
    return url


def build_pinned_request(
    client: httpx.AsyncClient,
    method: str,
    target: WebhookTarget,
    address: IPAddress,
    *,
    headers: Mapping[str, str],
    content: bytes,
    timeout: float | None = None,
    keep_alive: bool = False,
) -> httpx.Request:
    """A request to address that the receiver still sees as addressed to target.host.

    The URL carries the IP, so httpx does no DNS lookup of its own; the Host header and, for
    https, the TLS server name (SNI and certificate check) carry the original host. Send it with
    ``follow_redirects=False``: a redirect target has not been checked. keep_alive only with a
    client of `PinnedClients` that serves this target and address alone.
    """
    request_headers = httpx.Headers(headers)
    request_headers["Host"] = target.host_header
    if not keep_alive:
        # Connections are pooled by IP, but TLS verified only the name of the first request on
        # one; closing after each request stops another host on the same IP from reusing it.
        request_headers["Connection"] = "close"
    extensions = {}
    if target.scheme == "https":
        extensions["sni_hostname"] = _tls_server_name(target, address)
    return client.build_request(
        method,
        pinned_url(target, address),
        headers=request_headers,
        content=content,
        timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout,
        extensions=extensions,
    )


async def checked_address(
    url: str,
    *,
    allow_private: bool,
    timeout: float,  # noqa: ASYNC109 - bounds the resolution only
    resolver: Resolver | None = None,
) -> tuple[WebhookTarget, IPAddress]:
    """url's target and the first of its addresses, all of them checked: where to connect.

    Raises UnsafeURLError (UnresolvableHostError when resolution fails or takes longer than
    timeout).
    """
    target = parse_webhook_url(url)
    try:
        async with asyncio.timeout(timeout):
            addresses = await resolve_target(target, allow_private=allow_private, resolver=resolver)
    except TimeoutError as error:
        raise UnresolvableHostError(
            f"could not resolve {target.host} within {timeout} seconds"
        ) from error
    return target, addresses[0]


async def send_pinned(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    content: bytes,
    allow_private: bool,
    timeout: float,  # noqa: ASYNC109 - bounds resolution and each httpx phase, not the call
    method: str = "POST",
    resolver: Resolver | None = None,
    stream: bool = False,
) -> httpx.Response:
    """Check url and send one request to its first checked address, never following redirects.

    Raises UnsafeURLError (UnresolvableHostError when resolution fails or takes longer than
    timeout) before any connection is made; httpx errors come from the request itself. With
    stream=True the body is not read: the caller reads what it needs and closes the response.
    """
    target, address = await checked_address(
        url, allow_private=allow_private, timeout=timeout, resolver=resolver
    )
    request = build_pinned_request(
        client, method, target, address, headers=headers, content=content, timeout=timeout
    )
    return await client.send(request, follow_redirects=False, stream=stream)


# An idle connection is reused only this long: well before the usual server-side keep-alive
# timeouts (5 s in uvicorn and Node.js), so a request rarely meets one the receiver just closed.
KEEPALIVE_EXPIRY_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class ConnectionKey:
    """What a kept-alive connection was opened to and, for https, verified for, and whose
    connections they are (the caller's choice, e.g. an endpoint's id)."""

    scheme: str
    host: str
    port: int
    address: IPAddress
    owner: Hashable = None


class PinnedClients:
    """httpx clients for pinned requests, one per ConnectionKey when connections are kept alive.

    A client's pool is keyed by the IP in the URL, while TLS verified only the host name of the
    request that opened a connection. Giving each (scheme, host, port, checked address, owner)
    its own client means a kept-alive connection is only ever reused for the same host at the
    same checked address; a new DNS answer gets a new client (and a new check). Without
    keep-alive one client serves every request, each with `Connection: close`.
    max_connections bounds each client: an owner (an endpoint) has its own connections, so a
    slow one never holds those of another on the same host.
    """

    def __init__(
        self, max_connections: int, *, keep_alive: bool, max_clients: int = 256
    ) -> None:
        self.max_connections = max_connections
        self.keep_alive = keep_alive
        self.max_clients = max_clients
        self._clients: dict[ConnectionKey, httpx.AsyncClient] = {}
        self._in_use: dict[ConnectionKey, int] = {}

    @contextlib.asynccontextmanager
    async def use(
        self, target: WebhookTarget, address: IPAddress, owner: Hashable = None
    ) -> AsyncIterator[httpx.AsyncClient]:
        """The client for a request to target at its checked address, held while in use."""
        key = ConnectionKey(target.scheme, target.host, target.port, address, owner)
        if not self.keep_alive:
            key = _SHARED
        client = self._clients.pop(key, None) or self._new_client()
        self._clients[key] = client  # the most recently used last
        self._in_use[key] = self._in_use.get(key, 0) + 1
        try:
            yield client
        finally:
            self._in_use[key] -= 1
            if not self._in_use[key]:
                del self._in_use[key]
            await self._close_least_recently_used()

    async def __aenter__(self) -> "PinnedClients":
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = self._clients, {}
        for client in clients.values():
            await client.aclose()

    def _new_client(self) -> httpx.AsyncClient:
        # trust_env=False: proxy variables must not route deliveries around the SSRF guard.
        keep = self.max_connections if self.keep_alive else 0
        client = httpx.AsyncClient(
            trust_env=False,
            follow_redirects=False,
            limits=httpx.Limits(
                max_connections=self.max_connections, max_keepalive_connections=keep,
                keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS,
            ),
        )
        instrument_http_client(client)
        return client

    async def _close_least_recently_used(self) -> None:
        while len(self._clients) > self.max_clients:
            idle = next((key for key in self._clients if key not in self._in_use), None)
            if idle is None:
                return
            await self._clients.pop(idle).aclose()


_SHARED = ConnectionKey("", "", 0, ipaddress.IPv4Address(0))


def _check_url_text(url: str) -> None:
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURLError(f"webhook URL is longer than {MAX_URL_LENGTH} characters")
    if _FORBIDDEN_URL_CHARACTERS.search(url):
        raise UnsafeURLError("webhook URL must not contain spaces or control characters")


def _normalise_host(netloc: str, hostname: str | None) -> str:
    if not hostname:
        raise UnsafeURLError("webhook URL must have a host")
    if netloc.startswith("["):
        return _normalise_ipv6_literal(hostname)
    ascii_host = _idna_encode(hostname)
    if _ends_in_number(ascii_host):
        # As in the WHATWG URL standard: such a host can only be an IPv4 address, never a name.
        if _parse_inet_aton(ascii_host) is None:
            raise UnsafeURLError(f"webhook URL host {hostname} is not a valid IPv4 address")
        return ascii_host
    if not _is_valid_hostname(ascii_host):
        raise UnsafeURLError(f"webhook URL host {hostname!r} is not a valid host name")
    return ascii_host


def _normalise_ipv6_literal(hostname: str) -> str:
    if "%" in hostname:
        raise UnsafeURLError("webhook URL must not contain an IPv6 zone index")
    try:
        return str(ipaddress.IPv6Address(hostname))
    except ValueError as error:
        raise UnsafeURLError(f"webhook URL host [{hostname}] is not an IPv6 address") from error


def _idna_encode(hostname: str) -> str:
    if hostname.isascii():
        return hostname
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise UnsafeURLError(f"webhook URL host {hostname!r} is not a valid host name") from error


def _is_valid_hostname(host: str) -> bool:
    name = host.removesuffix(".")
    if not name or len(name) > _MAX_HOSTNAME_LENGTH:
        return False
    return all(_HOSTNAME_LABEL.fullmatch(label) for label in name.split("."))


def _ends_in_number(host: str) -> bool:
    last_label = host.removesuffix(".").rpartition(".")[2]
    if last_label.isascii() and last_label.isdigit():
        return True
    return last_label[:2] in ("0x", "0X") and all(
        character in string.hexdigits for character in last_label[2:]
    )


def _parse_inet_aton(host: str) -> ipaddress.IPv4Address | None:
    """inet_aton(3) forms: 1 to 4 dot-separated decimal, 0-octal or 0x-hex numbers.

    The last number fills all remaining bytes, so "127.1" is 127.0.0.1 and "2130706433" is too.
    """
    parts = host.removesuffix(".").split(".")
    if len(parts) > 4:
        return None
    numbers = [_parse_inet_number(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    *leading, last = [number for number in numbers if number is not None]
    if any(number > 0xFF for number in leading) or last >= 1 << (8 * (5 - len(parts))):
        return None
    value = last
    for position, number in enumerate(leading):
        value |= number << (8 * (3 - position))
    return ipaddress.IPv4Address(value)


def _parse_inet_number(text: str) -> int | None:
    if text[:2] in ("0x", "0X"):
        digits, base = text[2:] or "0", 16
    elif len(text) > 1 and text.startswith("0"):
        digits, base = text[1:], 8
    else:
        digits, base = text, 10
    if not digits.isascii() or not digits.isalnum():
        return None
    try:
        return int(digits, base)
    except ValueError:
        return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address that traffic to ip actually reaches, for the forms that embed one."""
    if ip.ipv4_mapped is not None:
        return "an IPv4-mapped address", ip.ipv4_mapped
    if ip.sixtofour is not None:
        return "a 6to4 address", ip.sixtofour
    if ip in _NAT64_PREFIX:
        return "a NAT64 address", ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return None


def _has_special_purpose_flag(ip: IPAddress) -> bool:
    # Before Python 3.11.10 / 3.12.4, is_global is True for some of these (e.g. 224.0.0.1), so
    # it only backs up the explicit table above instead of replacing it.
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


def _tls_server_name(target: WebhookTarget, address: IPAddress) -> str:
    if parse_ip_literal(target.host) is not None:
        # An IP-literal URL is verified against the IP itself (ssl then sends no SNI).
        return str(_without_zone(address))
    return target.host.removesuffix(".")


def _refusal_message(host: str, address: IPAddress, reason: str) -> str:
    if host == str(address):
        where = f"webhook host {host} is {reason}"
    elif parse_ip_literal(host) is not None:
        where = f"webhook host {host} means {address}, {reason}"
    else:
        where = f"webhook host {host} resolves to {address}, {reason}"
    return f"{where}; {_ONLY_PUBLIC}"


def _without_zone(address: IPAddress) -> IPAddress:
    # A zone index (fe80::1%eth0) is valid neither in a URL host nor as a TLS server name.
    if isinstance(address, ipaddress.IPv6Address):
        return ipaddress.IPv6Address(int(address))
    return address


def _is_localhost_name(host: str) -> bool:
    name = host.removesuffix(".")
    return name == "localhost" or name.endswith(".localhost")


async def _addresses_of(
    target: WebhookTarget, allow_private: bool, resolver: Resolver
) -> list[IPAddress]:
    literal = parse_ip_literal(target.host)
    if literal is not None:
        return [literal]
    if _is_localhost_name(target.host) and not allow_private:
        # RFC 6761: resolvers may answer these with loopback without asking DNS or /etc/hosts.
        raise UnsafeURLError(f"webhook host {target.host} is a loopback name; {_ONLY_PUBLIC}")
    return await _resolve_name(target.host, target.port, resolver)


async def _resolve_name(host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    try:
        answers = await resolver(host, port)
        addresses = [ipaddress.ip_address(answer) for answer in answers]
    except (OSError, UnicodeError, ValueError) as error:
        raise UnresolvableHostError(f"could not resolve {host}: {error}") from error
    if not addresses:
        raise UnresolvableHostError(f"could not resolve {host}: no addresses")
    return list(dict.fromkeys(addresses))
