// The grading key's file, /gradekey, as mkfs writes it and the grader fills
// it in: GRADEKEY_SIZE bytes, a marker the grader finds in its private copy
// of the image, then the key. mkfs leaves the key all zero, which means "not
// graded": programs then print their verdict lines untagged (user/tag.c).
// Shared by mkfs (tools/mkfs), the grader (grader/tag.c) and user/tag.c.
#pragma once

#define GRADEKEY_NAME       "gradekey"
#define GRADEKEY_MARKER     "rvlab grade key placeholder v1\n" // with its NUL, 32 bytes
#define GRADEKEY_MARKER_LEN 32
#define GRADEKEY_KEY_LEN    32
#define GRADEKEY_SIZE       (GRADEKEY_MARKER_LEN + GRADEKEY_KEY_LEN)

// A tagged line is "TEXT [tag:ID:MAC]": ID is "PID.N", N counting the
// program's tagged lines from 1, and MAC is the first GRADEKEY_TAG_HEX hex
// digits of HMAC-SHA256(key, "ID TEXT").
#define GRADEKEY_TAG_HEX 16

// The longest TEXT a tagged line holds: tag_line cuts a longer one there.
#define GRADEKEY_TEXT_MAX 200
