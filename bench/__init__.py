"""`make bench`: build a large library, serve it with gunicorn and measure it.

Everything the benchmark writes lives under var/bench/ (its own SQLite database
and page cache), so it never touches the development database."""
