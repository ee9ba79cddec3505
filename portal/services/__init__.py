"""Use cases: one function, one transaction; called by routes, CLI, API and chat alike."""
