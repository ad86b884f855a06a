"""The checker's Pyodide bundle, one job a module (the MkDocs events are hooks/pyodide_bundle.py).

- `files`: what every step shares: the npm Pyodide runtime, the bundle's file names, the error,
  a file's sha256.
- `wheel`: builds the `triage` py3-none-any wheel from the working tree (hatchling, offline).
- `lock`: writes the Pyodide lock file, pruned to that wheel (pyodide-build, offline).
- `bytecode`: compiles what the checker imports to bytecode in Pyodide itself, by running
  hooks/pyodide_precompile.mjs (Node), which runs hooks/pyodide_precompile.py inside Pyodide.
- `assemble`: all of the above into one folder, and the manifest describing it.
- `cache`: the on-disk cache's owner-only folders, and the check of a cached bundle against its
  manifest before anything in it is published or run.
- `current`: the bundle for the current sources: from the cache when verified, else built.
- `publish`: copies it into the site's two content-addressed folders; the paths templates need.

Not a hook itself: MkDocs runs only the files listed under `hooks:` in mkdocs.yml.
"""
