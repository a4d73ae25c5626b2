"""The handout prints the centre's web address and a QR code that opens the sign-up."""

import io
import re

import pytest
import zxingcpp
from django.test import override_settings
from PIL import Image

from research.qr import qr_png, qr_svg

pytestmark = pytest.mark.django_db

HANDOUT = "/for-fagfolk/brosjyre/"


def decode(png):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert len(results) == 1, results
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0].text


def inline_svg(html):
    match = re.search(
        r'<div class="handout-qr" role="img" aria-label="([^"]+)">(<svg.*?</svg>)', html, re.S
    )
    assert match, "no inline QR code SVG on the handout"
    return match.group(1), match.group(2)


@override_settings(SITE_URL="https://www.linkoslo.example")
def test_the_handout_shows_the_address_and_a_qr_code_that_decodes_to_the_sign_up(client):
    html = client.get(HANDOUT).content.decode()
    signup_url = "https://www.linkoslo.example/grupper/meld-interesse/"
    assert "www.linkoslo.example" in html
    assert signup_url in html
    label, svg = inline_svg(html)
    assert signup_url in label
    # The page shows exactly the code of the sign-up URL, and that code decodes to it.
    assert svg == qr_svg(signup_url)
    assert decode(qr_png(signup_url)) == signup_url
    assert "<img" not in html.split('class="handout-qr"')[1].split("</div>")[0]


@override_settings(SITE_URL="https://www.linkoslo.example")
def test_the_english_handout_leads_to_the_english_sign_up(client):
    html = client.get("/en" + HANDOUT).content.decode()
    signup_url = "https://www.linkoslo.example/en/grupper/meld-interesse/"
    _label, svg = inline_svg(html)
    assert svg == qr_svg(signup_url)
    assert decode(qr_png(signup_url)) == signup_url


def test_the_qr_code_has_no_script_style_or_outside_reference():
    svg = qr_svg("http://127.0.0.1:8000/grupper/meld-interesse/")
    assert svg.startswith("<svg") and "viewBox" in svg
    assert "<script" not in svg and "style=" not in svg and "href" not in svg
