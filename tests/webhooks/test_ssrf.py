"""SSRF guard. No test here uses the network: host names resolve through injected fake
resolvers, and the only server contacted is one the test itself starts on 127.0.0.1."""

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import pytest

from app.webhooks.ssrf import (
    IPAddress,
    Resolver,
    UnresolvableHostError,
    UnsafeURLError,
    build_pinned_request,
    is_public_address,
    parse_ip_literal,
    parse_webhook_url,
    resolve_target,
    send_pinned,
    system_resolver,
)

EXPLAIN = "only public addresses may receive webhooks"


async def must_not_resolve(host: str, port: int) -> Iterable[str]:
    raise AssertionError(f"{host} must be judged without any DNS lookup")


@dataclass
class FakeResolver:
    answers: dict[str, list[str]]
    calls: list[tuple[str, int]] = field(default_factory=list)

    async def __call__(self, host: str, port: int) -> Iterable[str]:
        self.calls.append((host, port))
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.answers[host]


async def check(
    url: str, resolver: Resolver = must_not_resolve, *, allow_private: bool = False
) -> list[IPAddress]:
    target = parse_webhook_url(url)
    return await resolve_target(target, allow_private=allow_private, resolver=resolver)


# --- refusal of every non-public address form -------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
        ("http://localhost/", "localhost is a loopback name"),
        ("https://LOCALHOST./", "is a loopback name"),
        ("http://api.localhost:8080/", "is a loopback name"),
        ("http://10.0.0.1/", "a private (RFC 1918) address"),
        ("http://172.16.0.1/", "a private (RFC 1918) address"),
        ("http://172.31.255.255/", "a private (RFC 1918) address"),
        ("http://192.168.1.1/", "a private (RFC 1918) address"),
        ("http://169.254.169.254/latest/meta-data/", "the cloud metadata service address"),
        ("http://169.254.1.1/", "a link-local address"),
        ("http://0.0.0.0/", "the unspecified address"),
        ("http://0.1.2.3/", "'this network' (0.0.0.0/8)"),
        ("http://[::]/", "the unspecified address"),
        ("http://[::1]/", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped address of 127.0.0.1, a loopback address"),
        ("http://[::ffff:7f00:1]/", "IPv4-mapped address of 127.0.0.1, a loopback address"),
        ("http://[::ffff:a9fe:a9fe]/", "of 169.254.169.254, the cloud metadata service"),
        ("http://[fe80::1]/", "a link-local address"),
        ("http://[fc00::1]/", "a unique local (private) address"),
        ("http://[fd00:ec2::254]/", "the cloud metadata service address"),
        ("http://100.64.0.1/", "a carrier-grade NAT (RFC 6598) address"),
        ("http://224.0.0.1/", "a multicast address"),
        ("http://[ff02::1]/", "a multicast address"),
        ("http://255.255.255.255/", "the broadcast address"),
        ("http://2130706433/", "2130706433 means 127.0.0.1, a loopback address"),
        ("http://0x7f000001/", "0x7f000001 means 127.0.0.1, a loopback address"),
        ("http://0177.0.0.1/", "0177.0.0.1 means 127.0.0.1, a loopback address"),
        ("http://127.1/", "127.1 means 127.0.0.1, a loopback address"),
        ("http://0x7f.1:8080/", "means 127.0.0.1, a loopback address"),
        ("http://127.0.0.1./", "means 127.0.0.1, a loopback address"),
        ("http://0x/", "means 0.0.0.0, the unspecified address"),
        ("http://[2002:7f00:1::]/", "6to4 address of 127.0.0.1, a loopback address"),
        ("http://[64:ff9b::a00:1]/", "NAT64 address of 10.0.0.1, a private (RFC 1918)"),
        ("http://[::7f00:1]/", "a deprecated IPv4-compatible address"),
        ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "a Teredo tunnelling address"),
    ],
)
async def test_non_public_address_is_refused_without_resolving(url: str, reason: str) -> None:
    with pytest.raises(UnsafeURLError) as refusal:
        await check(url)

    assert reason in str(refusal.value)
    assert EXPLAIN in str(refusal.value)


@pytest.mark.asyncio
async def test_name_is_refused_if_any_of_its_addresses_is_private() -> None:
    resolver = FakeResolver({"hooks.example.com": ["93.184.215.14", "10.1.2.3"]})

    with pytest.raises(UnsafeURLError, match=r"hooks\.example\.com resolves to 10\.1\.2\.3, a pr"):
        await check("https://hooks.example.com/", resolver)


@pytest.mark.asyncio
async def test_name_resolving_to_mapped_loopback_is_refused() -> None:
    resolver = FakeResolver({"rebind.example.net": ["::ffff:127.0.0.1"]})

    with pytest.raises(UnsafeURLError, match=r"IPv4-mapped address of 127\.0\.0\.1"):
        await check("https://rebind.example.net/", resolver)


# --- URL syntax ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/hooks", "scheme must be http or https, not 'ftp'"),
        ("file:///etc/passwd", "scheme must be http or https"),
        ("gopher://example.com:70/", "scheme must be http or https"),
        ("javascript:alert(1)", "scheme must be http or https"),
        ("example.com/hooks", "scheme must be http or https, not ''"),
        ("http://user:pass@example.com/", "must not contain credentials"),
        ("http://user@example.com/", "must not contain credentials"),
        ("http://evil.example\\@good.example/", "must not contain credentials"),
        ("http://", "must have a host"),
        ("http:///hooks", "must have a host"),
        ("http://:8080/hooks", "must have a host"),
        ("http://example.com:0/", "port must be between 1 and 65535"),
        ("http://example.com:65536/", "malformed"),
        ("http://example.com:http/", "malformed"),
        ("http://[::1/", "malformed"),
        ("http://exa mple.com/", "spaces or control characters"),
        ("http://example.com/\r\nX-Injected: 1", "spaces or control characters"),
        ("http://1.2.3.4.5/", "not a valid IPv4 address"),
        ("http://256.0.0.1/", "not a valid IPv4 address"),
        ("http://08.0.0.1/", "not a valid IPv4 address"),
        ("http://shop.example.123/", "not a valid IPv4 address"),
        ("http://[fe80::1%25eth0]/", "zone index"),
        ("http://exa..mple.com/", "not a valid host name"),
        ("http://-bad.example.com/", "not a valid host name"),
        ("http://bad!.example.com/", "not a valid host name"),
        ("http://" + "a" * 64 + ".example.com/", "not a valid host name"),
        ("https://example.com/" + "a" * 2029, "longer than 2048 characters"),
    ],
)
def test_malformed_or_disallowed_url_is_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeURLError, match="webhook URL") as refusal:
        parse_webhook_url(url)

    assert reason in str(refusal.value)


def test_url_of_exactly_2048_characters_is_accepted() -> None:
    url = "https://example.com/" + "a" * 2028

    assert len(url) == 2048
    assert parse_webhook_url(url).path_and_query == "/" + "a" * 2028


@pytest.mark.parametrize(
    ("url", "parsed"),
    [
        (
            "HTTPS://Hooks.Example.COM/v1/hooks?shop=1&x=%20#fragment",
            ("https", "hooks.example.com", 443, "/v1/hooks?shop=1&x=%20"),
        ),
        ("http://example.com", ("http", "example.com", 80, "/")),
        ("http://example.com?x=1", ("http", "example.com", 80, "/?x=1")),
        ("http://[2606:4700:0::1111]:8443/x", ("http", "2606:4700::1111", 8443, "/x")),
        ("http://bücher.example/", ("http", "xn--bcher-kva.example", 80, "/")),
        ("https://my_hooks.example.com:443/", ("https", "my_hooks.example.com", 443, "/")),
    ],
)
def test_url_is_parsed_into_its_parts(url: str, parsed: tuple[str, str, int, str]) -> None:
    target = parse_webhook_url(url)

    assert (target.scheme, target.host, target.port, target.path_and_query) == parsed


@pytest.mark.parametrize(
    ("url", "host_header"),
    [
        ("https://hooks.example.com/", "hooks.example.com"),
        ("http://hooks.example.com:80/", "hooks.example.com"),
        ("http://hooks.example.com:8080/", "hooks.example.com:8080"),
        ("https://[2606:4700::1111]/", "[2606:4700::1111]"),
        ("https://[2606:4700::1111]:8443/", "[2606:4700::1111]:8443"),
    ],
)
def test_host_header_omits_only_the_default_port(url: str, host_header: str) -> None:
    assert parse_webhook_url(url).host_header == host_header


# --- address classification --------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14",
        "8.8.8.8",
        "1.1.1.1",
        "2606:4700::1111",
        "2a00:1450:4001:82b::200e",
        "::ffff:8.8.8.8",
        "2002:808:808::1",
        "64:ff9b::808:808",
    ],
)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.255.254",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "100.127.255.254",
        "0.0.0.0",  # noqa: S104 - an address under test, not a bind address
        "0.255.255.255",
        "192.0.0.9",
        "192.0.2.1",
        "198.18.0.1",
        "198.51.100.1",
        "203.0.113.1",
        "192.88.99.1",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::",
        "::1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "::127.0.0.1",
        "2002:c0a8:101::1",
        "64:ff9b::7f00:1",
        "64:ff9b:1::808:808",
        "100::1",
        "2001::1",
        "2001:2::1",
        "2001:10::1",
        "2001:db8::1",
        "3fff::1",
        "fc00::1",
        "fd12:3456:789a::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "fe80::1%eth0",
        # Not in the explicit table; refused through the ipaddress flags.
        "2001:100::1",
        "4000::1",
    ],
)
def test_special_purpose_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("1.2.65535", "1.2.255.255"),
        ("1.2.3.4", "1.2.3.4"),
        ("0", "0.0.0.0"),  # noqa: S104 - an address under test, not a bind address
        ("0x", "0.0.0.0"),  # noqa: S104
        ("::ffff:7f00:1", "::ffff:127.0.0.1"),
    ],
)
def test_ip_literal_forms_are_recognised(host: str, address: str) -> None:
    assert parse_ip_literal(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize(
    "host",
    ["example.com", "4294967296", "1.2.3.4.5", "1.256.1.1", "1.2.65536", "08.1.1.1", "0x1g", ""],
)
def test_non_literals_are_not_taken_for_addresses(host: str) -> None:
    assert parse_ip_literal(host) is None


# --- resolution ---------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://93.184.215.14/hooks", "93.184.215.14"),
        ("https://[2606:4700::1111]/hooks", "2606:4700::1111"),
    ],
)
async def test_public_ip_literal_is_accepted_without_resolving(url: str, address: str) -> None:
    assert await check(url) == [ipaddress.ip_address(address)]


@pytest.mark.asyncio
async def test_public_name_returns_every_address_once() -> None:
    resolver = FakeResolver(
        {"hooks.example.com": ["93.184.215.14", "2606:4700::1111", "93.184.215.14"]}
    )

    addresses = await check("https://hooks.example.com:8443/", resolver)

    assert addresses == [
        ipaddress.ip_address("93.184.215.14"),
        ipaddress.ip_address("2606:4700::1111"),
    ]
    assert resolver.calls == [("hooks.example.com", 8443)]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("answers", "detail"),
    [
        ({}, "Name or service not known"),
        ({"hooks.example.com": []}, "no addresses"),
        ({"hooks.example.com": ["not-an-address"]}, "does not appear to be an IPv4 or IPv6"),
    ],
)
async def test_unresolvable_name_is_refused(answers: dict[str, list[str]], detail: str) -> None:
    with pytest.raises(
        UnresolvableHostError, match=r"could not resolve hooks\.example\.com"
    ) as error:
        await check("https://hooks.example.com/", FakeResolver(answers))

    assert detail in str(error.value)
    assert isinstance(error.value, UnsafeURLError)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "answers", "address"),
    [
        ("http://127.0.0.1:8000/", {}, "127.0.0.1"),
        ("http://localhost:8000/", {"localhost": ["127.0.0.1"]}, "127.0.0.1"),
        ("http://hooks.internal/", {"hooks.internal": ["10.0.0.7"]}, "10.0.0.7"),
    ],
)
async def test_allow_private_accepts_local_targets(
    url: str, answers: dict[str, list[str]], address: str
) -> None:
    addresses = await check(url, FakeResolver(answers), allow_private=True)

    assert addresses == [ipaddress.ip_address(address)]


@pytest.mark.asyncio
@pytest.mark.parametrize(("host", "address"), [("127.0.0.1", "127.0.0.1"), ("::1", "::1")])
async def test_system_resolver_runs_getaddrinfo(host: str, address: str) -> None:
    # Numeric hosts only: getaddrinfo answers them itself, so no DNS query leaves the machine.
    assert set(await system_resolver(host, 443)) == {address}


# --- pinned requests ----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_pinned_http_request_targets_the_ip_and_keeps_the_host() -> None:
    target = parse_webhook_url("http://hooks.example.com:8080/hooks?x=1")
    address = ipaddress.ip_address("93.184.215.14")
    async with httpx.AsyncClient(trust_env=False) as client:
        request = build_pinned_request(
            client,
            "POST",
            target,
            address,
            headers={"Host": "attacker.example", "webhook-id": "msg_1"},
            content=b"{}",
            timeout=5.0,
        )

    assert str(request.url) == "http://93.184.215.14:8080/hooks?x=1"
    assert request.headers["host"] == "hooks.example.com:8080"
    assert request.headers["webhook-id"] == "msg_1"
    assert request.headers["connection"] == "close"
    assert "sni_hostname" not in request.extensions
    assert request.extensions["timeout"]["connect"] == 5.0


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("url", "address", "pinned", "host_header", "tls_name"),
    [
        (
            "https://hooks.example.com/h",
            "2606:4700::1111",
            "https://[2606:4700::1111]/h",
            "hooks.example.com",
            "hooks.example.com",
        ),
        (
            "https://hooks.example.com.:8443/h",
            "93.184.215.14",
            "https://93.184.215.14:8443/h",
            "hooks.example.com.:8443",
            "hooks.example.com",
        ),
        (
            "https://1572394766/h",
            "93.184.215.14",
            "https://93.184.215.14/h",
            "1572394766",
            "93.184.215.14",
        ),
    ],
)
async def test_pinned_https_request_verifies_tls_for_the_original_name(
    url: str, address: str, pinned: str, host_header: str, tls_name: str
) -> None:
    async with httpx.AsyncClient(trust_env=False) as client:
        request = build_pinned_request(
            client,
            "POST",
            parse_webhook_url(url),
            ipaddress.ip_address(address),
            headers={},
            content=b"{}",
        )

    assert str(request.url) == pinned
    assert request.headers["host"] == host_header
    assert request.extensions["sni_hostname"] == tls_name


@dataclass
class ReceivedRequest:
    request_line: str
    headers: dict[str, str]
    body: bytes


@dataclass
class LocalReceiver:
    """A minimal HTTP/1.1 server on 127.0.0.1 that records requests and sends one canned reply."""

    port: int = 0
    reply: bytes = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    requests: list[ReceivedRequest] = field(default_factory=list)
    connections: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.decode("latin-1").split("\r\n")
            headers = {
                name.strip().lower(): value.strip()
                for name, _, value in (line.partition(":") for line in header_lines if line)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append(ReceivedRequest(request_line, headers, body))
            writer.write(self.reply)
            await writer.drain()
        finally:
            writer.close()
            await writer.wait_closed()


@asynccontextmanager
async def local_receiver() -> AsyncIterator[LocalReceiver]:
    receiver = LocalReceiver()
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    receiver.port = server.sockets[0].getsockname()[1]
    try:
        async with server, asyncio.timeout(10):
            yield receiver
    finally:
        server.close()


async def deliver(
    receiver: LocalReceiver,
    resolver: FakeResolver,
    *,
    allow_private: bool = True,
) -> httpx.Response:
    # A client that would follow redirects: send_pinned must override it, not rely on it.
    async with httpx.AsyncClient(trust_env=False, follow_redirects=True) as client:
        return await send_pinned(
            client,
            f"http://hooks.merchant.test:{receiver.port}/hooks/orders?shop=42",
            headers={"webhook-id": "msg_1", "content-type": "application/json"},
            content=b'{"type": "ticket.created"}',
            allow_private=allow_private,
            timeout=5.0,
            resolver=resolver,
        )


def merchant_resolver() -> FakeResolver:
    return FakeResolver({"hooks.merchant.test": ["127.0.0.1"]})


@pytest.mark.asyncio
async def test_send_pinned_reaches_the_checked_address_with_the_original_host() -> None:
    resolver = merchant_resolver()
    async with local_receiver() as receiver:
        response = await deliver(receiver, resolver)

    assert response.status_code == 200
    assert response.text == "ok"
    assert resolver.calls == [("hooks.merchant.test", receiver.port)]
    [received] = receiver.requests
    assert received.request_line == "POST /hooks/orders?shop=42 HTTP/1.1"
    assert received.headers["host"] == f"hooks.merchant.test:{receiver.port}"
    assert received.headers["webhook-id"] == "msg_1"
    assert received.body == b'{"type": "ticket.created"}'


@pytest.mark.asyncio
async def test_send_pinned_returns_a_redirect_without_following_it() -> None:
    async with local_receiver() as receiver:
        location = f"http://127.0.0.1:{receiver.port}/elsewhere"
        receiver.reply = (
            f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()
        )
        response = await deliver(receiver, merchant_resolver())

    assert response.status_code == 302
    assert response.headers["location"] == location
    assert [request.request_line for request in receiver.requests] == [
        "POST /hooks/orders?shop=42 HTTP/1.1"
    ]


@pytest.mark.asyncio
async def test_send_pinned_uses_a_fresh_connection_for_each_delivery() -> None:
    async with local_receiver() as receiver:
        await deliver(receiver, merchant_resolver())
        await deliver(receiver, merchant_resolver())

    assert receiver.connections == 2
    assert all(request.headers["connection"] == "close" for request in receiver.requests)


@pytest.mark.asyncio
async def test_send_pinned_refuses_before_connecting() -> None:
    async with local_receiver() as receiver:
        with pytest.raises(UnsafeURLError, match=r"resolves to 127\.0\.0\.1, a loopback address"):
            await deliver(receiver, merchant_resolver(), allow_private=False)

    assert receiver.connections == 0


@pytest.mark.asyncio
async def test_send_pinned_gives_up_on_slow_resolution() -> None:
    async def slow_resolver(host: str, port: int) -> Iterable[str]:
        await asyncio.sleep(30)
        return ["127.0.0.1"]

    async with httpx.AsyncClient(trust_env=False) as client:
        with pytest.raises(UnresolvableHostError, match=r"within 0\.05 seconds"):
            await send_pinned(
                client,
                "http://hooks.merchant.test/",
                headers={},
                content=b"{}",
                allow_private=True,
                timeout=0.05,
                resolver=slow_resolver,
            )
