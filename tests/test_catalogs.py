"""The German catalog is complete and speaks to people formally (Sie), allauth's pages included."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import allauth
import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
LOCAL_APPS = tuple(app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir())
SOURCES = (*LOCAL_APPS, "config", "templates", "locale", "locale_overrides", "manage.py")
INFORMAL = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|hast|bist|kannst|möchtest|musst)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def extracted_catalog(tmp_path_factory) -> polib.POFile:
    """Extract every message from a copy of the sources, merged with our German catalog."""
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "de",
            "--ignore=locale_overrides",
            "--no-obsolete",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            "PATH": sys.exec_prefix + "/bin:/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
    )
    assert result.returncode == 0, result.stderr
    return polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))


def test_every_message_in_code_and_templates_has_a_german_translation(extracted_catalog):
    missing = [entry.msgid for entry in extracted_catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in extracted_catalog.fuzzy_entries()]

    assert missing == [], "untranslated — run makemessages and translate them"
    assert fuzzy == [], "fuzzy translations — check and unmark them"
    assert len(extracted_catalog) > 100


def test_our_german_texts_address_people_formally(extracted_catalog):
    informal = [entry.msgstr for entry in extracted_catalog if INFORMAL.search(entry.msgstr)]

    assert informal == []


def test_allauths_pages_and_mails_address_people_formally_too():
    catalog = polib.pofile(str(Path(allauth.__file__).parent / "locale/de/LC_MESSAGES/django.po"))
    informal = []
    with translation.override("de"):
        for entry in catalog:
            if entry.obsolete or entry.msgid_plural:
                continue
            text = (
                translation.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else translation.gettext(entry.msgid)
            )
            if INFORMAL.search(text):
                informal.append(text)

    assert informal == []


def test_the_english_catalog_exists_and_is_compiled():
    assert (ROOT / "locale/en/LC_MESSAGES/django.po").exists()
    assert (ROOT / "locale/en/LC_MESSAGES/django.mo").exists()
