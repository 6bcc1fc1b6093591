"""Reading files people send in (no Qt here)."""
