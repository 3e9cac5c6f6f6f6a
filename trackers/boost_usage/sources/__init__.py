"""Reading a project's source tree: its includes, its declared Boost version, its identity."""
