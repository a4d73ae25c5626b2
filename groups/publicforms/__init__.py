"""Guards for the public forms that create data: a rate limit per address and a honeypot.

A new public form needs two lines: ``HoneypotMixin`` first among the form's bases, and
``if (refused := refuse_when_over_limit(request, "<form name>")) is not None: return refused``
in the view once the form is valid, before anything is saved.

Not a Django app and not part of ``linkcentre``: the apps may import it (DESIGN.md lets no app
import ``linkcentre``).
"""

from groups.publicforms.honeypot import HoneypotMixin
from groups.publicforms.ratelimit import refuse_when_over_limit

__all__ = ["HoneypotMixin", "refuse_when_over_limit"]
