"""State changes of plans: `planning` (plans and projects), `spending` (execution)."""
