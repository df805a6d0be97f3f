"""The built index: build, load and manifest; BM25; embedding models."""
