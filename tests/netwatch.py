"""Watch a server's network connections with strace, for the tests: which connect() calls went to
an address off this machine.

    with serve_app(log, wrapper=strace_wrapper(trace_file)) as url: ...
    outbound_connections(trace_file.read_text())   # [] when everything stayed on loopback
"""

from __future__ import annotations

import ipaddress
import re
import shutil
from pathlib import Path

_INET = re.compile(r'sin_addr=inet_addr\("([^"]+)"\)')
_INET6 = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')


def strace_path() -> str | None:
    """Debian's strace, or None when it is not installed."""
    return shutil.which("strace")


def strace_wrapper(trace_file: Path, strace: str = "strace") -> list[str]:
    """A command prefix that runs a program under strace, following every thread and child, and
    writes its connect() and bind() calls to `trace_file`. `-I 2` lets a SIGTERM through, so
    stopping strace stops the server too (with -o the default blocks it)."""
    return [strace, "-I", "2", "-f", "-qq", "-e", "trace=connect,bind", "-o", str(trace_file)]


def _local(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def outbound_connections(trace: str) -> list[str]:
    """The connect() lines of an strace log whose IPv4 or IPv6 address is not loopback (a UDP
    connect() counts: it is how a program finds its route to the outside, and DNS queries go that
    way). Unix sockets and AF_UNSPEC disconnects are local."""
    outbound = []
    for line in trace.splitlines():
        if "connect(" not in line:
            continue
        addresses = _INET.findall(line) + _INET6.findall(line)
        if any(not _local(address) for address in addresses):
            outbound.append(line.strip())
    return outbound
