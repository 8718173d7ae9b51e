// Holds the precompiled header shared by every test.
