namespace warroom::store { int placeholder() { return 0; } }
