"""Reads a repository archive in memory without trusting it.

The archive comes from GitHub, but its member names come from whoever pushed to the repository,
so nothing is written to disk and every member is checked: no absolute paths, no ``..``, no
device files or hard links; symlinks are recorded as links and never followed; and the number of
members, the bytes per file and the total bytes are capped so a crafted archive cannot exhaust
memory. Decompression itself is capped, so a small archive that inflates hugely stops early.
"""

from __future__ import annotations

import io
import posixpath
import tarfile
import zlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 50_000
    #: Bytes kept per file; longer files keep only their start (checks read at most this much).
    max_file_bytes: int = 1024 * 1024
    #: Bytes kept in total, across all files.
    max_total_bytes: int = 64 * 1024 * 1024
    #: Compressed bytes accepted from the network.
    max_archive_bytes: int = 64 * 1024 * 1024


@dataclass
class ArchiveContents:
    files: dict[str, bytes] = field(default_factory=dict)
    symlinks: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    complete: bool = True


def safe_member_path(name: str) -> str | None:
    """The member's path without the archive's top folder, or None when it is unsafe."""
    if name.startswith("/") or "\\" in name or "\0" in name:
        return None
    parts = name.split("/")
    if any(part == ".." for part in parts):
        return None
    relative = "/".join(p for p in parts[1:] if p not in ("", "."))
    if not relative or posixpath.isabs(relative):
        return None
    return relative


def _decompressed(data: bytes, cap: int, out: ArchiveContents) -> bytes:
    """Gunzip at most ``cap`` bytes; plain tar data passes through."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(data, cap)
    except zlib.error:
        out.problems.append("archive could not be read: broken compression")
        out.complete = False
        return b""
    if inflater.unconsumed_tail:
        out.problems.append(f"archive inflates to more than {cap:,} bytes; the rest was not read")
        out.complete = False
    return raw


def read_archive(data: bytes, limits: ArchiveLimits | None = None) -> ArchiveContents:
    limits = limits or ArchiveLimits()
    out = ArchiveContents()
    if len(data) > limits.max_archive_bytes:
        out.problems.append(f"archive of {len(data):,} bytes is over the "
                            f"{limits.max_archive_bytes:,}-byte limit; files were not read")
        out.complete = False
        return out
    raw = _decompressed(data, limits.max_archive_bytes * 4, out)
    total = 0
    members = 0
    try:
        # Read from memory only; nothing is ever extracted to disk.
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
            for member in archive:
                members += 1
                if members > limits.max_members:
                    out.problems.append(f"archive has more than {limits.max_members:,} members;"
                                        " the rest were not read")
                    out.complete = False
                    break
                if member.isdir() or member.type in (tarfile.XGLTYPE, tarfile.XHDTYPE):
                    continue
                path = safe_member_path(member.name)
                if path is None:
                    out.problems.append(f"archive member {member.name!r} refused: unsafe path")
                    continue
                if member.issym():
                    out.symlinks[path] = member.linkname
                    continue
                if not member.isreg():
                    kind = "hard link" if member.islnk() else "special file"
                    out.problems.append(f"archive member {path!r} refused: {kind}")
                    continue
                keep = min(member.size, limits.max_file_bytes)
                if total + keep > limits.max_total_bytes:
                    out.problems.append(f"archive holds more than {limits.max_total_bytes:,} "
                                        "bytes; the rest were not read")
                    out.complete = False
                    break
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                content = handle.read(keep)
                total += len(content)
                out.files[path] = content
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        out.problems.append(f"archive could not be read: {type(exc).__name__}")
        out.complete = False
    return out
