// A shared library that is not a Passerelle plugin: it exports a function, but not the gate.
extern "C" __attribute__((visibility("default"))) int some_other_entry_point(void) { return 42; }
