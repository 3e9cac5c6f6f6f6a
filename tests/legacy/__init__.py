"""A legacy project for the decoupling toolkit's tests, installed by the test settings only:
``people`` is a hub the seed's way (identities, a base profile and a multi-table inheritance
child), ``activity`` a tracker holding real foreign keys to it, some of them already softened
by ``trackerhub decouple``."""
