/* Quoting console lines in explanations, cut to the bounds of quote.h. */
#include "grader/quote.h"

#include <string.h>

void quote_line(FILE *out, int number, const char *text, size_t len)
{
  if (number > 0)
    fprintf(out, "  line %d: ", number);
  else if (number == 0)
    fputs("  ", out);
  if (len <= QUOTE_LINE_LEN)
    fprintf(out, "%.*s\n", (int)len, text);
  else
    fprintf(out, "%.*s ... (%zu more characters)\n", QUOTE_LINE_LEN, text, len - QUOTE_LINE_LEN);
}

void quote_text(FILE *out, const char *text)
{
  size_t len = strlen(text);
  if (len <= QUOTE_LINE_LEN)
    fputs(text, out);
  else
    fprintf(out, "%.*s ... (%zu more characters)", QUOTE_LINE_LEN, text, len - QUOTE_LINE_LEN);
}

bool quote_says_why(const char *text)
{
  static const char *const words[] = {"FAILED", "failed", "error", "killed"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strstr(text, words[i]))
      return true;
  return false;
}
