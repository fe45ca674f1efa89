// Verdict lines a kernel cannot fake: a graded test program prints each of
// its verdict lines through tag_line, which appends a tag keyed with the
// grader's secret for this run (user/gradekey.h). Without a key (a person at
// the shell) the line is printed as it is, untagged.
#pragma once

#include "user/gradekey.h"

// The longest text a tagged line holds; tag_line cuts a longer one there.
#define TAG_LINE_MAX GRADEKEY_TEXT_MAX

// Print the concatenation of the strings, up to a 0, as one line (the
// newline is added), tagged when the image holds a grading key. End the list
// with (char *)0.
void tag_line(const char *first, ...) __attribute__((sentinel));
