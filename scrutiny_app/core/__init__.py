"""The Qt-free core: tables, storage, demo data and the rules of the meeting cycle."""
