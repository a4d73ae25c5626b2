"""QR codes for printed material, drawn on the server with segno: inline SVG, no image request,
nothing from a third party, sharp at any print size."""

import io

import segno


def qr_code(data):
    # Error correction "M" (15 %) survives a creased or slightly smudged printout.
    return segno.make(data, error="m", micro=False)


def qr_svg(data):
    """Inline SVG without a fixed size (a viewBox), so the stylesheet decides how big it prints."""
    return qr_code(data).svg_inline(border=4, omitsize=True, svgclass="qr-code", lineclass=None)


def qr_png(data, scale=4):
    """The same code as PNG bytes (for tests that decode it, and anyone needing a bitmap)."""
    buffer = io.BytesIO()
    qr_code(data).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
