from scrutiny_app.cli import main

raise SystemExit(main())
