"""Reading files that come back into Scrutiny (no Qt here)."""
