"""The ingest engine: the machinery every tracker shares to store what its sources read.

``ingest`` stores a stream of items in batches (``engine``); ``collect`` runs a source over
paths, skipping what was read before (``collection``); ``IngestSummary`` is what both report.
Pure Python: it works through the ports in core.protocols and imports no framework.
"""

from core.ingest.engine import BATCH_SIZE, ingest
from core.ingest.summary import IngestSummary

__all__ = ["BATCH_SIZE", "IngestSummary", "ingest"]
