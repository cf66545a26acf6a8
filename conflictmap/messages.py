"""Compile the translation catalogues (locale/*/LC_MESSAGES/*.po -> .mo) when a
.mo is missing or older than its .po. The .po files are the source (committed);
the .mo files are built: by `make setup`, and by the test run before it starts
(tests/conftest.py), so a fresh clone needs no separate step. Needs GNU gettext's
msgfmt (scripts/install-system-deps.sh installs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_messages(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile the stale catalogues; returns the .mo files written."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_messages():
        print(f"compiled {path}")
