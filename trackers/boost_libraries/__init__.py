"""The Boost libraries tracker: what a Boost super-project's releases say of each library.

``trackerhub collect boost-libraries PATH`` reads a checkout of boostorg/boost (bare or not):
its ``boost-X.Y.Z`` release tags, the ``.gitmodules`` of each, and from each module's own
objects (found beside or inside the super-project) its ``meta/libraries.json`` and the
headers its ``include/`` and ``src/`` files include. It stores the releases, the modules
(each referring to its GitHub repository by a ``GitHubRepositoryRef``), the libraries and
what each release says of them (authors and maintainers as hub profiles), the headers each
module provides, and the dependencies between modules per release, with their change log.
"""
