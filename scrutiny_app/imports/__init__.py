"""Reading files that come into Scrutiny: indicator tables, returned action trackers (no Qt here)."""
