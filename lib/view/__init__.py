"""What the reader asked for: the view state in the URL, and the filters it holds."""
