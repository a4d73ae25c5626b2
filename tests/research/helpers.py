"""What the research tests share (fixtures live in conftest.py)."""

import re

# The principles the data migration ships, in their order on the page.
SHIPPED_SLUGS = [
    "frivillighet",
    "vite-hva-du-kan-forvente",
    "motiver-ikke-henvis",
    "erfaring-og-fellesskap",
]

# The retracted "0.3 %" figure, in any of the ways it was written.
OLD_CLAIM = re.compile(r"0\s*[.,]\s*3\s*(%|prosent|per\s*cent|percent)", re.IGNORECASE)
