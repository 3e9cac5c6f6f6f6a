"""One package per tracker, each of the same shape:

- ``records.py``: what the tracker stores, each record class declared once as a frozen attrs
  class generic over how it holds people (``person()``, ``people()`` fields): with claims as
  a source reads it, with typed refs as it is stored.
- ``sources/``: one module per input format, ``read_<format>(path, since)``: a stream of
  records (people still claims) and ``SourceProblem``s, never raising on bad input.
- ``ingest.py``: the declarations the kit's engine runs on: each ``RecordType`` (name, record
  class, natural key, merge rule), the ``Source``s, and the ``Tracker`` that holds them; plus
  what is truly the tracker's own.

A tracker imports ``core.protocols``, the tracker kit (``core.ingest``, ``core.sources``) and
itself, nothing else (import-linter).
"""
