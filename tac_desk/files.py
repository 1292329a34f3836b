"""Write a file in one atomic step (exports, cache entries): the old file stays whole if anything fails."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tac_desk.domain.errors import InvalidInput


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` beside ``path`` and rename it into place: an old file stays whole if anything fails.

    Raises:
        InvalidInput: when the file cannot be written (missing folder, a folder in the way, no permission, disk full).
    """
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder; give a file name")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as error:
        raise InvalidInput(f"cannot write {target}: {error.strerror}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InvalidInput(f"cannot write {target}: {error.strerror}; nothing was changed there") from error
        raise
    return target
