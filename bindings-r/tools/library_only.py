"""Keeps only what building a crate's library needs in its (normalised)
manifest: drops test, bench and example targets and dev-dependencies.
python3 library_only.py Cargo.toml"""

import re
import sys
from pathlib import Path

manifest = Path(sys.argv[1])
sections = re.split(r"(?m)^(?=\[)", manifest.read_text(encoding="utf-8"))
dropped = re.compile(r"\[\[(test|bench|example)\]\]|\[dev-dependencies")
manifest.write_text("".join(s for s in sections if not dropped.match(s)), encoding="utf-8")
