"""The no-network guard: the benchmark must never reach the network.

Some peers reach for it on their own (newspaper4k fetches images unless told
not to, tldextract the public-suffix list). :func:`forbid_network` makes every
connection and name lookup of the process raise at once, Unix sockets aside
(multiprocessing's forkserver talks over one); ``run.py`` calls it before
anything else is measured.
"""

from __future__ import annotations

import socket
from typing import Any, NoReturn

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _refuse(address: object) -> NoReturn:
    raise OSError(f"bench/run.py forbids network access (to {address!r})")


def _local_connect(self: socket.socket, address: Any) -> None:
    # Unix sockets stay allowed: multiprocessing's forkserver talks over one.
    if self.family != socket.AF_UNIX:
        _refuse(address)
    _connect(self, address)


def _local_connect_ex(self: socket.socket, address: Any) -> int:
    if self.family != socket.AF_UNIX:
        _refuse(address)
    return _connect_ex(self, address)


def _refuse_lookup(host: object, *args: object, **kwargs: object) -> NoReturn:
    _refuse(host)


def forbid_network() -> None:
    """Make every network connection and name lookup of this process fail at once.

    Peers can reach for the network (newspaper4k fetches images unless told not
    to, tldextract the public-suffix list): the benchmark must never do so.
    """
    socket.socket.connect = _local_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _local_connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = _refuse_lookup
    socket.gethostbyname = _refuse_lookup
