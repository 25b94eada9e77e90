"""Build machinery for Why ReLU?: the snippet runner and its MkDocs hooks."""
