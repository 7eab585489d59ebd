"""One module per CLI command: file I/O and reporting around the pure stages."""
