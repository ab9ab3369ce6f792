"""Data generation: convert raw, permissively licensed sources into kg's actor data files.

Developers run ``python -m kg.datagen SOURCES`` (``SOURCES`` is the ``actor_sources`` folder
described in ``kg/data/actors/README.md``) to regenerate the generated files in
``kg/data/actors/``. kg never imports this package at run time; it needs the ``datagen`` extra
(``pip install -e '.[datagen]'``).
"""
