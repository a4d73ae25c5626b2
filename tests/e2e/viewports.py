"""The window sizes the browser tests use (the fixtures ``desktop`` and ``phone`` open them)."""

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
