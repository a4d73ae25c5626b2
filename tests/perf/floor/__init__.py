"""The floor for ``make bench``: the least a Django page costs on this machine.

One view, Django's default middleware (what ``startproject`` writes), one query and a small
template, served by the same gunicorn as the app. The app's pages are measured as a ratio to
this page's requests per second in the same run, so the machine's speed and load cancel out.
"""
