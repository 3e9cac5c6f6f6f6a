"""The decoupling toolkit: the map of what ties a Django project's apps together (relations
between their models, imports between their code), a plan to untie it, and the migration that
turns a foreign key across apps into a soft reference without losing a row.

``relations`` holds the values every part shares; ``inventory`` reads them from a running
project's app registry, ``static`` from a source tree by AST without importing it, ``imports``
reads the imports between apps; ``formats`` writes them, ``plan`` proposes what to do, and
``operations`` is the migration operation ``trackerhub decouple`` writes.
"""
