"""Tools for developers: start the servers for tests and benchmarks."""
