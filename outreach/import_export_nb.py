"""Norwegian for the screens of django-import-export, which ships no Norwegian catalogue.

Listing the library's own message ids here puts them in our catalogue when ``makemessages`` runs,
and Django then finds their Norwegian there when the library's templates and admin ask for them.
Generic words that Django or other apps already translate ("Submit", "Delete") are left out.
"""

from django.utils.translation import gettext_noop

IMPORT_EXPORT_MESSAGES = [
    gettext_noop("Import"),
    gettext_noop("File to import"),
    gettext_noop("Resource"),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop(
        "Below is a preview of data to be imported. If you are satisfied with the results, "
        "click 'Confirm import'"
    ),
    gettext_noop("Confirm import"),
    gettext_noop("Preview"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, then reupload it using the "
        "form above."
    ),
    gettext_noop("Line number"),
    gettext_noop("Non field specific"),
    gettext_noop("Errors"),
    gettext_noop("Row"),
    gettext_noop("New"),
    gettext_noop("Update"),
    gettext_noop("Skipped"),
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
]
