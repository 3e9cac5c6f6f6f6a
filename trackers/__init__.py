"""One package per tracker, each of the same shape:

- ``records.py``: what the tracker stores, as frozen attrs records; people are typed refs.
- ``sources/``: one module per input format, reading files as a stream and yielding "seen"
  items (people still as claims) or ``SourceProblem``s.
- ``ports.py``: the tracker's repository Protocol and unit of work.
- ``ingest.py``: parse -> resolve people in bulk -> upsert -> ``IngestSummary``.

A tracker imports ``core.protocols`` and itself, nothing else.
"""
