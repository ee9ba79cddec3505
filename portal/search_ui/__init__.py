"""Search page, autocomplete and facets; fallback.py is the degraded SQL search while an index is missing."""
