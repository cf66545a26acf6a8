"""The pages in Arabic and English: language prefixes, the remembered choice,
right-to-left markup, Arabic names and dates, digits, and the JS catalogue."""

import json
import re

import pytest
from django.utils.html import strip_tags

SEED = "2017-10-23-deir-ez-zor-al-qusur-air-strikes"
pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_a_path_without_language_follows_the_cookie_then_accept_language(client):
    assert client.get("/incidents/", HTTP_ACCEPT_LANGUAGE="ar").url == "/ar/incidents/"
    assert client.get("/?q=x", HTTP_ACCEPT_LANGUAGE="en-GB,en").url == "/en/?q=x"
    # The switcher keeps the page and its query, and remembers the choice.
    switched = client.post("/i18n/setlang/", {"language": "ar", "next": "/en/incidents/?q=Qusur"})
    assert switched.url == "/ar/incidents/?q=Qusur"
    assert client.get("/incidents/", HTTP_ACCEPT_LANGUAGE="en").url == "/ar/incidents/"
    # API paths keep working without a prefix.
    assert client.get("/api/incidents.geojson").status_code == 200


def test_the_seed_incident_reads_in_arabic(client, seed_incident):
    page = client.get(f"/ar/incidents/{SEED}/")
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    text = text_of(page)
    assert "23 تشرين الأول 2017" in text
    assert "القصور، دير الزور" in text
    assert 'title="Al-Qusur, Deir ez-Zor"' not in html  # shown beside, not only on hover
    assert "Al-Qusur, Deir ez-Zor" in text
    assert "الحصائل المعلنة للضحايا" in text and "المصدر" in text
    assert "<bdi>Syrian Observatory for Human Rights (SOHR) عبر AFP</bdi>" in html
    # Editors' texts carry the language of their script.
    assert '<span lang="en" dir="auto">Air strikes on the Al-Qusur' in html
    for english in ("Casualty claims", "Held by at the time", "Change history", "Sources<"):
        assert english not in html


def test_the_popup_reads_in_arabic(client, seed_incident):
    response = client.get(f"/ar/incidents/{SEED}/popup/")
    # Who alleges what: the source's Latin name isolated inside the Arabic sentence.
    assert "بحسب اتهام <bdi>Syrian Observatory for Human Rights (SOHR) عبر AFP</bdi>" in (
        response.content.decode()
    )
    text = text_of(response)
    assert "23 تشرين الأول 2017" in text
    assert "القصور، دير الزور" in text
    assert "المسيطر وقت الحادثة" in text
    assert "Casualty claims" not in text and "Alleged perpetrators" not in text


def test_arabic_indic_digits_are_a_remembered_choice(client, seed_incident):
    western = text_of(client.get(f"/ar/incidents/{SEED}/popup/"))
    assert "22+" in western and "٢٢" not in western
    response = client.get(f"/ar/incidents/{SEED}/popup/?digits=arab")
    assert "٢٣ تشرين الأول ٢٠١٧" in text_of(response) and "٢٢+" in text_of(response)
    assert response.cookies["cm_digits"].value == "arab"
    assert "٢٢+" in text_of(client.get(f"/ar/incidents/{SEED}/popup/"))
    # Data stays in Western digits.
    assert "٢" not in client.get(f"/api/incidents/{SEED}.geojson").content.decode()


def test_the_map_and_table_are_translated(client, seed_incident):
    assert "/i18n/ar/catalog.js" in client.get("/ar/").content.decode()
    for url in ("/ar/", "/ar/incidents/"):
        html = client.get(url).content.decode()
        assert 'dir="rtl"' in html
        assert "Filter incidents" not in strip_tags(html)
        assert "تصفية الحوادث" in html


def test_the_js_catalogue_is_a_script_in_the_url_language(client):
    arabic = client.get("/i18n/ar/catalog.js")
    assert arabic["Content-Type"].startswith("text/javascript")
    assert json.dumps("جارٍ تحميل الحوادث")[1:-1] in arabic.content.decode()
    zipped = client.get("/i18n/ar/catalog.js", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert client.get("/i18n/xx/catalog.js").status_code == 404
