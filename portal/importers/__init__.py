"""File -> validated rows -> upsert on the natural key. Takes a Session, never a request."""
