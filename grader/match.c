/* Matcher: takes each console line's tag off and checks it, applies a
 * check's section and conditions (POSIX EREs, one line at a time) and, when
 * a condition fails, quotes the lines that made it fail or, when nothing
 * matched, the lines of the check's own part of the run where the test
 * said why, so a student sees why. Quotes are bounded by grader/quote.h. */
#define _GNU_SOURCE
#include "grader/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grader/quote.h"

/* Checks the tag of line l (the last one added) against the key and the
 * IDs of the lines before it, then cuts the tag off its text. */
static void check_tag(struct match_console *mc, struct match_line *l, const unsigned char *key)
{
  struct tag_parts t;
  if (!tag_split(l->text, strlen(l->text), &t))
    return;
  snprintf(l->id, sizeof l->id, "%.*s", (int)t.id_len, t.id);
  long start = key ? tag_text_start(key, l->text, &t) : -1;
  l->tag = !key ? MATCH_TAG_NOKEY : start >= 0 ? MATCH_TAG_OK : MATCH_TAG_BAD;
  /* An ID names one line of one program run: a second valid line with it is
   * the same line printed again, which must not count twice. */
  for (int i = 0; l->tag == MATCH_TAG_OK && i < mc->n - 1; i++) {
    if (mc->lines[i].tag == MATCH_TAG_OK && strcmp(mc->lines[i].id, l->id) == 0) {
      l->tag = MATCH_TAG_COPY;
      l->first = i + 1;
    }
  }
  l->text[t.text_len] = '\0';
  /* Matched is what the program tagged: a prompt or typed echo that the
   * console put before it on the same line is not part of it. */
  if (start > 0)
    l->text += start;
}

void match_console_init(struct match_console *mc, const char *output, const unsigned char *key)
{
  memset(mc, 0, sizeof *mc);
  mc->buf = strdup(output ? output : "");
  for (char *line = mc->buf; line && *line;) {
    char *eol = strchr(line, '\n');
    if (eol)
      *eol = '\0';
    mc->lines = realloc(mc->lines, sizeof *mc->lines * (size_t)(mc->n + 1));
    if (!mc->lines) {
      perror("grade: out of memory");
      exit(2);
    }
    struct match_line *l = &mc->lines[mc->n++];
    *l = (struct match_line){.text = line, .tag = MATCH_UNTAGGED};
    check_tag(mc, l, key);
    line = eol ? eol + 1 : NULL;
  }
}

void match_console_free(struct match_console *mc)
{
  free(mc->lines);
  free(mc->buf);
  memset(mc, 0, sizeof *mc);
}

static bool line_matches(const regex_t *re, const struct match_line *l)
{
  return regexec(re, l->text, 0, NULL, 0) == 0;
}

/* Why a line that matches a tagged condition's pattern does not count. */
static const char *tag_problem(const struct match_line *l)
{
  switch (l->tag) {
  case MATCH_UNTAGGED:
    return "no tag";
  case MATCH_TAG_BAD:
    return "a tag that does not verify";
  case MATCH_TAG_COPY:
    return "the tag of an earlier line";
  case MATCH_TAG_NOKEY:
    return "a tag, but the run had no key (the image has no /gradekey placeholder)";
  case MATCH_TAG_OK:
    break;
  }
  return "a valid tag";
}

/* The run's (or section's) last lines, when nothing better says why. */
static void quote_tail(FILE *out, const struct match_console *mc, struct match_range range,
                       bool section)
{
  int end = range.to;
  while (end > range.from && mc->lines[end - 1].text[0] == '\0')
    end--;
  int start = end - QUOTE_LINES > range.from ? end - QUOTE_LINES : range.from;
  if (start == end) {
    fputs(section ? "the section holds nothing\n" : "the run printed nothing\n", out);
    return;
  }
  fputs(section ? "the section's last lines were:\n" : "the run's last lines were:\n", out);
  for (int i = start; i < end; i++)
    quote_line(out, 0, mc->lines[i].text, strlen(mc->lines[i].text));
}

/* The literal start of a pattern up to its first ':', as "simple:" in
 * `^simple: ok$`: test programs such as cowtest begin every line of a test
 * with its name, so the lines that begin so are the check's own. Empty when
 * the pattern does not begin with such a literal. */
static size_t subject_of(const char *pattern, char *out, size_t outlen)
{
  if (pattern[0] != '^')
    return 0;
  size_t n = 0;
  for (const char *p = pattern + 1; *p && n + 1 < outlen; p++) {
    if (strchr(".[]()*+?{}|\\^$", *p))
      return 0;
    out[n++] = *p;
    if (*p == ':') {
      out[n] = '\0';
      return n > 2 ? n : 0;
    }
  }
  return 0;
}

/* Quotes the lines of the range that say why (quote_says_why), or with a
 * subject every line that begins with it: those are the test's own, its
 * reason among them. Returns how many there were. */
static int quote_reasons(FILE *out, const struct match_console *mc, struct match_range range,
                         const char *subject, size_t sublen)
{
  int found = 0;
  for (int i = range.from; i < range.to; i++) {
    const char *t = mc->lines[i].text;
    if (sublen ? strncmp(t, subject, sublen) != 0 : !quote_says_why(t))
      continue;
    if (found++ == 0 && sublen)
      fprintf(out, "the test's own lines (those beginning '%s'):\n", subject);
    else if (found == 1)
      fputs("where the test said why:\n", out);
    if (found <= QUOTE_LINES)
      quote_line(out, i + 1, t, strlen(t));
  }
  if (found > QUOTE_LINES)
    fprintf(out, "  (%d more)\n", found - QUOTE_LINES);
  return found;
}

/* Nothing matched a condition: quote the check's own lines (those that
 * begin with the pattern's subject, the reason among them), else the lines
 * of its section or of the run where a test said why, else the last lines. */
static void quote_context(FILE *out, const struct match_console *mc, struct match_range range,
                          const struct rubric_cond *cond)
{
  bool section = range.from != 0 || range.to != mc->n;
  char subject[64];
  size_t sublen = section ? 0 : subject_of(cond->pattern, subject, sizeof subject);
  if (sublen && quote_reasons(out, mc, range, subject, sublen) > 0)
    return;
  if (quote_reasons(out, mc, range, NULL, 0) > 0)
    return;
  quote_tail(out, mc, range, section);
}

bool match_section(const struct rubric_section *sec, const struct match_console *mc,
                   struct match_range *out, char **why)
{
  *out = (struct match_range){0, mc->n};
  if (!sec)
    return true;
  int from = 0;
  while (from < mc->n && !line_matches(&sec->start, &mc->lines[from]))
    from++;
  if (from == mc->n) {
    size_t len;
    FILE *f = open_memstream(why, &len);
    fprintf(f, "the section /%s/ never opened: no line matches it\n", sec->start_pattern);
    if (quote_reasons(f, mc, *out, NULL, 0) == 0)
      quote_tail(f, mc, *out, false);
    fclose(f);
    return false;
  }
  /* The end may be the opening line itself: `^test x: .. (OK|FAILED)$`
   * holds a one-line "test x: OK" as well as diagnostics before an "OK". */
  int to = sec->end_pattern ? from : mc->n;
  while (to < mc->n && !line_matches(&sec->end, &mc->lines[to]))
    to++;
  *out = (struct match_range){from, to < mc->n ? to + 1 : mc->n};
  return true;
}

/* Lines of the range the condition counts; quotes up to quote_max of them
 * and, for a tagged condition, of those that match but have no valid tag. */
static int count_matches(const struct rubric_cond *cond, const struct match_console *mc,
                         struct match_range range, FILE *quote, int quote_max, int *untrusted)
{
  int count = 0, quoted = 0;
  *untrusted = 0;
  for (int i = range.from; i < range.to; i++) {
    const struct match_line *l = &mc->lines[i];
    if (!line_matches(&cond->re, l))
      continue;
    bool counts = !cond->tagged || l->tag == MATCH_TAG_OK;
    if (counts)
      count++;
    else
      (*untrusted)++;
    if (!quote || quoted == quote_max)
      continue;
    quoted++;
    if (counts) {
      quote_line(quote, i + 1, l->text, strlen(l->text));
      continue;
    }
    fprintf(quote, "  line %d: '", i + 1);
    quote_text(quote, l->text);
    if (l->tag == MATCH_TAG_COPY)
      fprintf(quote, "' has no valid tag: it repeats the tag of line %d\n", l->first);
    else
      fprintf(quote, "' has no valid tag (%s)\n", tag_problem(l));
  }
  return count;
}

static void describe_range(FILE *out, const struct match_console *mc, struct match_range range)
{
  if (range.from != 0 || range.to != mc->n)
    fprintf(out, "in the section of lines %d to %d: ", range.from + 1, range.to);
}

bool match_cond(const struct rubric_cond *cond, const struct match_console *mc,
                struct match_range range, char **why)
{
  int untrusted;
  int count = count_matches(cond, mc, range, NULL, 0, &untrusted);
  bool ok = cond->kind == COND_NONE      ? count == 0
            : cond->kind == COND_EXACTLY ? count == cond->count
                                         : count >= cond->count;
  if (ok || !why)
    return ok;
  size_t len;
  FILE *out = open_memstream(why, &len);
  describe_range(out, mc, range);
  const char *tagged = cond->tagged ? " tagged" : "";
  if (cond->kind == COND_NONE)
    fprintf(out, "expected no line matching /%s/, found %d:\n", cond->pattern, count);
  else
    fprintf(out, "expected %s %d%s line%s matching /%s/, found %d%s\n",
            cond->kind == COND_EXACTLY ? "exactly" : "at least", cond->count, tagged,
            cond->count == 1 ? "" : "s", cond->pattern, count, count || untrusted ? ":" : "");
  count_matches(cond, mc, range, out, QUOTE_LINES, &untrusted);
  if (count + untrusted > QUOTE_LINES)
    fprintf(out, "  (%d more)\n", count + untrusted - QUOTE_LINES);
  if (count + untrusted == 0)
    quote_context(out, mc, range, cond);
  fclose(out);
  return false;
}

/* The number a partial-credit group captured, or NAN. */
static double captured_number(const char *text, const regmatch_t *m)
{
  if (m->rm_so < 0)
    return NAN;
  char buf[64], *end;
  int n = (int)(m->rm_eo - m->rm_so);
  if (n <= 0 || n >= (int)sizeof buf)
    return NAN;
  memcpy(buf, text + m->rm_so, (size_t)n);
  buf[n] = '\0';
  double x = strtod(buf, &end);
  return *end || !isfinite(x) ? NAN : x;
}

bool match_partial(const struct rubric_cond *cond, const struct match_console *mc,
                   struct match_range range, double *fraction, int *line, char **why)
{
  int last = -1;
  regmatch_t m[3];
  for (int i = range.from; i < range.to; i++)
    if ((!cond->tagged || mc->lines[i].tag == MATCH_TAG_OK) &&
        regexec(&cond->re, mc->lines[i].text, 3, m, 0) == 0)
      last = i;
  size_t len;
  if (last < 0) {
    FILE *out = open_memstream(why, &len);
    describe_range(out, mc, range);
    fprintf(out, "expected a%s line matching /%s/ to give the score, found none",
            cond->tagged ? " tagged" : "", cond->pattern);
    int untrusted;
    count_matches(cond, mc, range, NULL, 0, &untrusted);
    if (untrusted) {
      fputs(":\n", out);
      count_matches(cond, mc, range, out, QUOTE_LINES, &untrusted);
    } else {
      fputc('\n', out);
      quote_context(out, mc, range, cond);
    }
    fclose(out);
    return false;
  }
  const char *text = mc->lines[last].text;
  regexec(&cond->re, text, 3, m, 0);
  double got = captured_number(text, &m[1]), outof = captured_number(text, &m[2]);
  *line = last + 1;
  if (isnan(got) || isnan(outof) || !(outof > 0)) {
    if (asprintf(why,
                 "line %d: '%s' gives no score: /%s/ must capture two numbers, the second "
                 "above 0\n",
                 last + 1, text, cond->pattern) < 0)
      *why = NULL;
    return false;
  }
  /* Bounded by the check's points whatever the output claims. */
  *fraction = got / outof < 0 ? 0 : got / outof > 1 ? 1 : got / outof;
  return true;
}

int match_count(const regex_t *re, const char *text)
{
  struct match_console mc;
  match_console_init(&mc, text, NULL);
  int count = 0;
  for (int i = 0; i < mc.n; i++)
    count += line_matches(re, &mc.lines[i]);
  match_console_free(&mc);
  return count;
}

bool match_condition(const struct rubric_cond *cond, const char *text, char **why)
{
  struct match_console mc;
  match_console_init(&mc, text, NULL);
  bool ok = match_cond(cond, &mc, (struct match_range){0, mc.n}, why);
  match_console_free(&mc);
  return ok;
}
