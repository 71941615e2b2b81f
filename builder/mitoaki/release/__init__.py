"""Every product of a release: serialisations, nanopublications, VoID, KGX, site."""
