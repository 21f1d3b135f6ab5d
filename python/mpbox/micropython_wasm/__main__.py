"""python3 -m mpbox.micropython_wasm: the micropython-wasm command."""

from .cli import main

raise SystemExit(main())
