"""The search index of the portal: documents.py (rows -> search.Document), outbox.py (keeping the index in step
with the database: outbox draining, the daily sweep, a full rebuild), backend.py (the backend of an application)."""
