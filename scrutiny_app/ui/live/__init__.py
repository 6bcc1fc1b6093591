"""Live meeting mode: one window for capturing a meeting from the keyboard."""
