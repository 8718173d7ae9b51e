// Being written; see FindingGenerator.h.
