"""Build machinery for Why ReLU?, one package organised as passes.

- ``engine/``: the snippet engine (run, cache, isolate, emulate machines);
- ``markdown/``: the Markdown pass (snippets, values, citations, answers
  list, cite block, report link), ``markdown/render.py`` in order;
- ``html/``: the HTML pass (maths, glossary links, valid HTML, search
  spellings), ``html/postprocess.py`` in order;
- ``outputs/``: the extra outputs (notebooks, print page, permanent anchors);
- ``devtools/``: the contributors' tools (bench, scaffold, browser set-up);
- ``plugin.py``: the ``whyrelu`` MkDocs/ProperDocs plugin, thin adapters over
  the passes; ``__main__.py``: the same passes without a generator
  (``python -m site_src render`` / ``postprocess``).
"""
