"""Static files with each URL worked out once a process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's storage, remembering each name's URL.

    Django looks the hashed name up in the manifest and quotes and splits the URL again on
    every ``{% static %}``: about 0.1 ms each, and an admin change list has one per boolean
    cell (fifty rows, several columns). The manifest is read once when the process starts and
    never changes under it, so neither does a name's URL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:  # collectstatic's own passes
            return super().url(name, force=True)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
