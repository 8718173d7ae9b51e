namespace warroom::ui { int placeholder() { return 0; } }
