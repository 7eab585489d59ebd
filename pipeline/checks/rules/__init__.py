"""One module per rule group; each rule is a pure function of entries -> findings."""
