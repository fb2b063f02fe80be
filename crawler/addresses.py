"""`block_private_addresses`: refuse to fetch from a host whose name resolves to an
address that is not on the public internet (private ranges, loopback, link-local, cloud
metadata at 169.254.169.254, carrier-grade NAT, reserved), so a source's host name, or a
redirect, cannot turn pressroom against the machines around it. Off by default: a press
office on an intranet is a fair source."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from .urls import DEFAULT_PORTS


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    return "an address that is not on the public internet"


def private_address_refusal(url: str) -> str | None:
    """Why `url` is not fetched under block_private_addresses, or None. A name that does
    not resolve is left to the fetch, which reports it."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return None
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    except ValueError:
        port = DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return None
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        mapped = getattr(ip, "ipv4_mapped", None)
        ip = mapped or ip
        if not ip.is_global:
            return (
                f"{host} resolves to {ip}, {_kind(ip)}; not fetched "
                "(block_private_addresses is on in sources.toml [crawler])"
            )
    return None
