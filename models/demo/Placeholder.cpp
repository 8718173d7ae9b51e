namespace warroom::demo { int placeholder() { return 0; } }
