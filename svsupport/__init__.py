"""svsupport: peer support for second victims."""

# The release; shown in the footer, recorded in CHANGELOG.md.
__version__ = "0.2.0"
