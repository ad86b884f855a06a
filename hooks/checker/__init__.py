"""The checker's part of the build, one job a module (the MkDocs events are hooks/checker_pages.py).

- `words`: the checker's interface words (Back, Continue, ...), behind one accessor.
- `states`: one generated page per static state of `triage.static_states()`, and its page id.
- `markdown_tree`: editors' Markdown rendered once into a JSON node tree (an allowlist of tags
  and attributes), with its links resolved and glossary terms linked: the templates and the app
  draw the same tree, and no HTML ever travels in the data file.
- `views`: the view model (`triage.view.checker_data`) with the site's parts added: what each
  template reads, and what checker/checker-data.json holds.
- `datafile`: writes checker/checker-data.json and the version the app's URLs carry.

Not a hook itself: MkDocs runs only the files listed under `hooks:` in mkdocs.yml.
"""
