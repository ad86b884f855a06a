"""The service worker's parts (hooks/service_worker.py is the MkDocs hook that uses them):
`manifest.py` chooses the built files it keeps and versions them; `sw.js` is the worker itself,
written into the site with its manifest. Why it keeps what it keeps: decisions/service-worker.md.
"""
