"""Tell whether a folder is on a network share, where SQLite's locking cannot be trusted.

SQLite's documentation warns that network filesystems often implement file locks badly, and WAL
mode needs shared memory that only works on one machine: a database there can be corrupted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "fuse.sshfs",
        "afs", "ncpfs", "9p", "ceph", "glusterfs", "fuse.glusterfs", "fuse.rclone",
        "davfs", "fuse.davfs2", "fuse.s3fs", "lustre", "gpfs", "beegfs", "webdav",
        "afpfs", "fuse.afpfs", "macfuse", "osxfuse",
    }
)  # fmt: skip
# macOS's `mount` prints "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, ...)".
_MACOS_MOUNT = re.compile(r"^.* on (?P<point>/.*?) \((?P<type>[^,)]+)[,)]")


def _unescape_mount_field(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field


def filesystem_type_linux(folder: Path, mounts_text: str) -> str:
    """Return the filesystem type of the mount holding ``folder``, from /proc/mounts text."""
    best, best_type = "", ""
    target = str(folder)
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = _unescape_mount_field(parts[1]), parts[2]
        prefix = mount_point.rstrip("/") + "/"
        inside = target == mount_point or target.startswith(prefix)
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def filesystem_type_macos(folder: Path, mount_text: str) -> str:
    """Return the filesystem type of the mount holding ``folder``, from macOS ``mount`` output."""
    table = []
    for line in mount_text.splitlines():
        found = _MACOS_MOUNT.match(line)
        if found:
            table.append(f"none {found['point'].replace(' ', chr(92) + '040')} {found['type']}")
    return filesystem_type_linux(folder, "\n".join(table))


def _macos_mounts() -> str:
    try:
        done = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def _windows_is_remote(folder: Path) -> bool:
    text = str(folder)
    if text.startswith("\\\\"):
        return True  # a UNC path: \\server\share
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    drive_remote = 4  # DRIVE_REMOTE from GetDriveTypeW
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]


def network_share_type(folder: str | os.PathLike[str]) -> str | None:
    """Return the network filesystem type holding ``folder``, or None when it is local."""
    path = Path(folder).expanduser().resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    if sys.platform.startswith("win"):
        return "a Windows network drive" if _windows_is_remote(path) else None
    if sys.platform.startswith("linux"):
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        fs_type = filesystem_type_linux(path, mounts)
        return fs_type if fs_type in NETWORK_FS_TYPES else None
    if sys.platform == "darwin":
        fs_type = filesystem_type_macos(path, _macos_mounts())
        return fs_type if fs_type in NETWORK_FS_TYPES else None
    return None  # other systems: no cheap, reliable check
