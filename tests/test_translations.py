"""The Arabic catalogue is complete: every string the code marks for translation
(templates, Python, static/js) has an Arabic translation that is neither empty
nor fuzzy. Runs makemessages on a copy of the sources, so a string added without
its translation fails here, and parses the catalogues it writes."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("conflictmap", "events", "templates", "static", "locale", "manage.py")
LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
IGNORE = shutil.ignore_patterns("__pycache__", "*.mo", "data", "vendor")


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid (and plural, context), msgstr forms, flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"flags": set(), "msgstr": []}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := LINE.match(line):
                key = match.group(1)
                if key.startswith("msgstr"):
                    entry["msgstr"].append(match.group(2))
                else:
                    entry[key] = match.group(2)
            elif line.startswith('"') and key:
                if key.startswith("msgstr"):
                    entry["msgstr"][-1] += line[1:-1]
                else:
                    entry[key] += line[1:-1]
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def untranslated(path: Path) -> list[str]:
    return [
        e["msgid"]
        for e in po_entries(path)
        if "fuzzy" in e["flags"] or not e["msgstr"] or not all(e["msgstr"])
    ]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """makemessages (django and djangojs) over a copy of the sources."""
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=IGNORE)
        else:
            shutil.copy(source, copy / name)
    for domain in ("django", "djangojs"):
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "ar", "-d", domain],
            cwd=copy,
            check=True,
            capture_output=True,
        )
    return copy / "locale" / "ar" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_has_an_arabic_translation(fresh_catalogues, domain):
    catalogue = fresh_catalogues / f"{domain}.po"
    entries = po_entries(catalogue)
    assert len(entries) > 50  # the catalogue was found and read
    missing = untranslated(catalogue)
    assert missing == [], f"{len(missing)} string(s) without Arabic translation: {missing[:10]}"


def test_the_check_catches_a_missing_translation(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Map"\nmsgstr "الخريطة"\n\n'
        'msgid "Layers"\nmsgstr ""\n\n#, fuzzy\nmsgid "Data"\nmsgstr "بيانات"\n',
        encoding="utf-8",
    )
    assert untranslated(po) == ["Layers", "Data"]


def test_the_committed_catalogues_are_complete():
    for catalogue in (ROOT / "locale" / "ar" / "LC_MESSAGES").glob("*.po"):
        assert untranslated(catalogue) == [], catalogue.name
