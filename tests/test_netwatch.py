"""The strace reader behind the no-outbound-request test finds what Streamlit 1.67 did at start
before .streamlit/config.toml set browser.serverAddress (lines captured from a real run)."""

from tests.netwatch import outbound_connections

BEFORE = """\
23817 connect(7, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("8.8.8.8")}, 16) = 0
23817 connect(7, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0
23820 connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "2600:1f18::1", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>
"""
LOCAL = """\
30220 bind(6, {sa_family=AF_INET6, sin6_port=htons(8766), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "::", &sin6_addr), sin6_scope_id=0}, 28) = 0
30221 connect(8, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT
30222 connect(9, {sa_family=AF_INET, sin_port=htons(8766), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
30222 connect(9, {sa_family=AF_INET6, sin6_port=htons(8766), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
30222 connect(9, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), \
inet_pton(AF_INET6, "::ffff:127.0.0.2", &sin6_addr), sin6_scope_id=0}, 28) = 0
30222 connect(9, {sa_family=AF_UNSPEC, sa_data="\\0\\0\\0\\0"}, 16) = 0
"""


def test_outbound_connections_are_found_and_loopback_is_not():
    found = outbound_connections(BEFORE + LOCAL)
    assert len(found) == 3
    assert "8.8.8.8" in found[0] and "10.255.255.53" in found[1] and "2600:1f18::1" in found[2]
    assert outbound_connections(LOCAL) == []
