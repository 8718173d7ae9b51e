namespace warroom::domain { int placeholder() { return 0; } }
